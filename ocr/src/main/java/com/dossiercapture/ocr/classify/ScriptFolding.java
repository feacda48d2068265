package com.dossiercapture.ocr.classify;

import java.util.HashMap;
import java.util.Map;

/**
 * Folds traditional characters to simplified ones (and 號 to 号), one for one, so that keywords and
 * case numbers written in simplified form match text read by a traditional-script model.
 */
public final class ScriptFolding {

  /** Pairs of (simplified, traditional) characters common in court documents. */
  private static final String PAIRS =
      "书書决決诉訴讼訟执執录錄审審状狀纳納费費应應举舉证證辩辯权權托託据據产產请請传傳开開笔筆调調"
          + "议議协協达達备備区區县縣贷貸纠糾纷紛买買卖賣赁賃机機动動车車责責务務离離业業设設与與为為"
          + "对對时時间間现現实實经經过過还還给給称稱认認该該条條规規则則国國华華项項负負担擔额額数數"
          + "万萬见見观觀点點关關系係发發后後约約签簽订訂长長门門问問题題说說话話记記员員阳陽楼樓东東"
          + "广廣苏蘇汉漢济濟历歷厦廈郑鄭龙龍邓鄧刘劉陈陳杨楊黄黃赵趙吴吳孙孫马馬罗羅谢謝韩韓冯馮"
          + "蒋蔣吕呂卢盧钟鍾谭譚陆陸贾賈韦韋邹鄒顾顧龚龔伟偉丽麗军軍艳豔杰傑涛濤兰蘭刚剛红紅辉輝"
          + "鹏鵬飞飛凯凱胜勝兴興远遠诚誠纪紀贸貿筑築师師滨濱个個们們来來这這没沒钱錢银銀账賬转轉违違"
          + "损損赔賠偿償驳駁双雙当當讯訊质質询詢论論终終结結义義适適简簡独獨组組织織听聽盖蓋电電码碼"
          + "别別职職预預缴繳户戶财財冻凍唤喚准準处處罚罰综綜减減递遞级級页頁无無确確属屬内內复復单單"
          + "办辦联聯邮郵编編场場领領导導阅閱视視频頻图圖两兩张張块塊写寫亲親进進获獲弃棄愿願统統标標"
          + "号號乡鄉镇鎮虽雖从從将將并並讲講节節总總态態庆慶岁歲龄齡报報许許诺諾";

  private static final Map<Character, Character> TO_SIMPLIFIED = new HashMap<>();

  static {
    for (int i = 0; i + 1 < PAIRS.length(); i += 2) {
      TO_SIMPLIFIED.put(PAIRS.charAt(i + 1), PAIRS.charAt(i));
    }
  }

  private ScriptFolding() {}

  /** The text with known traditional characters replaced by simplified ones; same length. */
  public static String toSimplified(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(TO_SIMPLIFIED.getOrDefault(c, c));
    }
    return b.toString();
  }

  /** Whether the character is a traditional form that differs from its simplified one. */
  public static boolean isTraditionalOnly(char c) {
    return TO_SIMPLIFIED.containsKey(c);
  }
}
