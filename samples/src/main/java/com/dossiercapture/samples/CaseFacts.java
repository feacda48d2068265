package com.dossiercapture.samples;

import java.util.List;
import java.util.Random;

/**
 * The invented facts of one civil case that every page of its dossier repeats: court, case number,
 * parties, cause of action, amounts and dates. All names and numbers are random and fictitious.
 *
 * @param courtName full court name, e.g. 湖南省岳阳市岳阳楼区人民法院
 * @param caseNumber canonical case number, e.g. （2024）湘0602民初1234号
 * @param plaintiff 原告 (a person)
 * @param defendant 被告 (a person or a company)
 * @param judge 审判员
 * @param clerk 书记员
 * @param lawyer 委托诉讼代理人
 * @param lawFirm the lawyer's firm
 * @param cause 案由, e.g. 民间借贷纠纷
 * @param amount principal claimed, in yuan
 * @param year filing year
 * @param month filing month (1..12)
 * @param day filing day (1..28)
 * @param address the plaintiff's address
 * @param idNumber the plaintiff's (fictitious) identity card number
 */
public record CaseFacts(
    String courtName,
    String caseNumber,
    String plaintiff,
    String defendant,
    String judge,
    String clerk,
    String lawyer,
    String lawFirm,
    String cause,
    int amount,
    int year,
    int month,
    int day,
    String address,
    String idNumber) {

  private static final String SURNAMES =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万覃武";
  private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅文志成海波辉鹏飞玲燕林宇浩凯佳欣怡晨阳雪婷俊峰德胜春生";

  /** A court, with its case-number code (法院代字), in the order province, city, district. */
  record Court(String name, String code, String city) {}

  static final List<Court> COURTS =
      List.of(
          new Court("湖南省岳阳市岳阳楼区人民法院", "湘0602", "岳阳市"),
          new Court("湖南省长沙市岳麓区人民法院", "湘0104", "长沙市"),
          new Court("北京市朝阳区人民法院", "京0105", "北京市"),
          new Court("上海市浦东新区人民法院", "沪0115", "上海市"),
          new Court("广东省深圳市南山区人民法院", "粤0305", "深圳市"),
          new Court("浙江省杭州市西湖区人民法院", "浙0106", "杭州市"),
          new Court("江苏省南京市鼓楼区人民法院", "苏0106", "南京市"),
          new Court("四川省成都市武侯区人民法院", "川0107", "成都市"),
          new Court("湖北省武汉市江岸区人民法院", "鄂0102", "武汉市"),
          new Court("山东省济南市历下区人民法院", "鲁0102", "济南市"),
          new Court("河南省郑州市金水区人民法院", "豫0105", "郑州市"),
          new Court("福建省厦门市思明区人民法院", "闽0203", "厦门市"));

  static final List<String> CAUSES =
      List.of(
          "民间借贷纠纷",
          "买卖合同纠纷",
          "房屋租赁合同纠纷",
          "机动车交通事故责任纠纷",
          "劳务合同纠纷",
          "离婚纠纷",
          "物业服务合同纠纷",
          "建设工程施工合同纠纷");

  private static final List<String> COMPANY_WORDS =
      List.of("宏达", "华兴", "鑫源", "恒泰", "远航", "金诚", "新世纪", "天成", "博远", "中和");
  private static final List<String> COMPANY_KINDS =
      List.of("建材有限公司", "商贸有限公司", "物业管理有限公司", "建筑工程有限公司", "科技有限公司");
  private static final List<String> STREETS =
      List.of("人民路", "解放路", "建设路", "中山路", "和平街", "五一大道", "滨江路", "光明巷");

  /** Draws a fresh, internally consistent set of case facts. */
  static CaseFacts random(Random r) {
    Court court = COURTS.get(r.nextInt(COURTS.size()));
    int year = 2016 + r.nextInt(10);
    int seq = 1 + r.nextInt(r.nextBoolean() ? 999 : 12000);
    String number = "（" + year + "）" + court.code() + "民初" + seq + "号";
    String defendant =
        r.nextInt(3) == 0
            ? court.city().replace("市", "")
                + COMPANY_WORDS.get(r.nextInt(COMPANY_WORDS.size()))
                + COMPANY_KINDS.get(r.nextInt(COMPANY_KINDS.size()))
            : person(r);
    return new CaseFacts(
        court.name(),
        number,
        person(r),
        defendant,
        person(r),
        person(r),
        person(r),
        court.city().replace("市", "")
            + COMPANY_WORDS.get(r.nextInt(COMPANY_WORDS.size()))
            + "律师事务所",
        CAUSES.get(r.nextInt(CAUSES.size())),
        (1 + r.nextInt(90)) * 1000 + r.nextInt(10) * 100,
        year,
        1 + r.nextInt(12),
        1 + r.nextInt(28),
        court.city() + STREETS.get(r.nextInt(STREETS.size())) + (1 + r.nextInt(300)) + "号",
        idNumber(r, year));
  }

  static String person(Random r) {
    String name = "" + SURNAMES.charAt(r.nextInt(SURNAMES.length()));
    int n = r.nextInt(3) == 0 ? 1 : 2;
    for (int i = 0; i < n; i++) {
      name += GIVEN.charAt(r.nextInt(GIVEN.length()));
    }
    return name;
  }

  private static String idNumber(Random r, int year) {
    int birth = year - 20 - r.nextInt(45);
    return String.format(
        "43%04d%d%02d%02d%03d%d",
        r.nextInt(10000),
        birth,
        1 + r.nextInt(12),
        1 + r.nextInt(28),
        r.nextInt(1000),
        r.nextInt(10));
  }

  /** A date in Chinese form, {@code 2024年3月5日}, some days after filing. */
  String date(int daysLater) {
    int d = day + daysLater;
    int m = month + (d - 1) / 28;
    int y = year + (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    d = (d - 1) % 28 + 1;
    return y + "年" + m + "月" + d + "日";
  }

  /** The amount with thousands written out in Chinese style, e.g. 35000元. */
  String money() {
    return amount + "元";
  }
}
