package com.dossiercapture.samples;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts the simplified characters this generator uses into traditional ones, one character for
 * one, so that some synthetic pages exercise traditional-script OCR (chi_tra). Characters that have
 * no entry are the same in both scripts (or are rare enough not to matter for a test corpus).
 */
final class TraditionalChinese {

  /** Pairs of (simplified, traditional) characters. */
  static final String PAIRS =
      "书書决決诉訴讼訟执執录錄审審状狀纳納费費应應举舉证證辩辯权權托託据據产產请請传傳开開笔筆调調"
          + "议議协協达達备備区區县縣贷貸纠糾纷紛买買卖賣赁賃机機动動车車责責务務离離业業设設与與为為"
          + "对對时時间間现現实實经經过過还還给給称稱认認该該条條规規则則国國华華项項负負担擔额額数數"
          + "万萬见見观觀点點关關系係发發后後约約签簽订訂长長门門问問题題说說话話记記员員阳陽楼樓东東"
          + "广廣苏蘇汉漢济濟历歷厦廈郑鄭龙龍邓鄧刘劉陈陳杨楊黄黃赵趙吴吳孙孫马馬罗羅谢謝韩韓冯馮肖蕭"
          + "蒋蔣吕呂卢盧钟鍾谭譚陆陸贾賈韦韋邹鄒闫閆顾顧龚龔伟偉丽麗军軍艳豔杰傑涛濤兰蘭刚剛红紅辉輝"
          + "鹏鵬飞飛凯凱胜勝兴興远遠诚誠纪紀贸貿筑築师師滨濱个個们們来來这這没沒钱錢银銀账賬转轉违違"
          + "损損赔賠偿償驳駁双雙当當讯訊质質询詢论論终終结結义義适適简簡独獨组組织織听聽盖蓋电電码碼"
          + "别別职職预預缴繳户戶财財冻凍唤喚准準处處罚罰综綜减減递遞级級页頁无無确確属屬内內复復单單"
          + "办辦联聯邮郵编編场場领領导導阅閱视視频頻图圖两兩张張块塊写寫亲親进進获獲弃棄愿願统統标標"
          + "号號乡鄉镇鎮区區虽雖从從将將并並讲講节節总總态態庆慶广廣岁歲龄齡报報许許诺諾";

  private static final Map<Character, Character> MAP = new HashMap<>();

  static {
    for (int i = 0; i + 1 < PAIRS.length(); i += 2) {
      MAP.put(PAIRS.charAt(i), PAIRS.charAt(i + 1));
    }
  }

  private TraditionalChinese() {}

  /**
   * The text in traditional characters. Substrings listed in {@code keep} (case numbers, which only
   * exist in simplified form) are left as they are.
   */
  static String convert(String text, String... keep) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    outer:
    while (i < text.length()) {
      for (String k : keep) {
        if (k != null && !k.isEmpty() && text.startsWith(k, i)) {
          out.append(k);
          i += k.length();
          continue outer;
        }
      }
      char c = text.charAt(i++);
      out.append(MAP.getOrDefault(c, c));
    }
    return out.toString();
  }

  static Map<Character, Character> map() {
    return Map.copyOf(MAP);
  }
}
