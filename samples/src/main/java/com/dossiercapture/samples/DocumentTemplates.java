package com.dossiercapture.samples;

import com.dossiercapture.samples.Block.Align;
import com.dossiercapture.samples.Block.Line;
import com.dossiercapture.samples.Block.PageBreak;
import com.dossiercapture.samples.Block.Paragraph;
import com.dossiercapture.samples.Block.Seal;
import com.dossiercapture.samples.Block.Signature;
import com.dossiercapture.samples.Block.Space;
import com.dossiercapture.samples.Block.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The content of each catalogue document type as blocks: court header, title, case number line,
 * body paragraphs, forms and tables, Q&amp;A transcript lines, signatures and seals. The wording
 * follows the usual shape of Chinese civil-procedure documents; every fact is invented.
 */
final class DocumentTemplates {

  private static final float TITLE = 22f;
  private static final float COURT = 18f;
  private static final float BODY = 14f;
  private static final float SMALL = 12f;

  private DocumentTemplates() {}

  /** The blocks of a document of the given catalogue type. */
  static List<Block> blocks(String code, CaseFacts f, Random r) {
    B b = new B(r);
    switch (code) {
      case "cover" -> cover(b, f);
      case "contents" -> contents(b, f);
      case "filing_approval" -> form(b, f, "立案审批表", true);
      case "complaint" -> complaint(b, f, "民事起诉状", false);
      case "acceptance_notice" ->
          notice(
              b,
              f,
              "受理案件通知书",
              f.plaintiff() + "：",
              "你诉" + f.defendant() + f.cause() + "一案的起诉状已收到。经审查，起诉符合法定受理条件，本院决定立案审理。");
      case "fee_notice" -> fee(b, f);
      case "response_notice" ->
          notice(
              b,
              f,
              "应诉通知书",
              f.defendant() + "：",
              "本院受理原告" + f.plaintiff() + "诉你" + f.cause() + "一案，现发送起诉状副本一份。你应在收到之日起十五日内向本院提交答辩状。");
      case "evidence_notice" ->
          notice(
              b,
              f,
              "举证通知书",
              f.plaintiff() + "、" + f.defendant() + "：",
              "本院受理的" + f.cause() + "一案，根据法律规定，现将举证事项通知如下：当事人对自己提出的主张应当提供证据。举证期限为收到本通知书之日起十五日内。");
      case "defence" -> complaint(b, f, "民事答辩状", true);
      case "power_of_attorney" -> power(b, f);
      case "identity" -> identity(b, f);
      case "evidence_list" -> evidenceList(b, f);
      case "evidence" -> evidence(b, f);
      case "preservation_application" -> preservation(b, f);
      case "summons" -> form(b, f, "传票", false);
      case "hearing_transcript" -> transcript(b, f, "庭审笔录");
      case "mediation_record" -> transcript(b, f, "调解笔录");
      case "mediation_agreement" -> decision(b, f, "民事调解书", false);
      case "judgment" -> decision(b, f, "民事判决书", true);
      case "ruling" -> ruling(b, f);
      case "service_receipt" -> receipt(b, f);
      case "appeal" -> complaint(b, f, "民事上诉状", false);
      case "remarks" -> remarks(b, f);
      default -> throw new IllegalArgumentException("no template for document type " + code);
    }
    return b.blocks;
  }

  /** Whether the first page of this type prints the case number. */
  static boolean printsCaseNumber(String code) {
    return switch (code) {
      case "complaint",
          "defence",
          "power_of_attorney",
          "identity",
          "evidence_list",
          "evidence",
          "preservation_application",
          "appeal",
          "contents",
          "remarks" ->
          false;
      default -> true;
    };
  }

  private static void header(B b, CaseFacts f, String title, boolean caseNumber) {
    b.line(f.courtName(), COURT, Align.CENTRE, true);
    b.space(3);
    b.line(b.r.nextInt(3) == 0 ? spaced(title) : title, TITLE, Align.CENTRE, true);
    b.space(4);
    if (caseNumber) {
      b.line(f.caseNumber(), BODY, Align.RIGHT, false);
      b.space(3);
    }
  }

  /** A title printed with spaces between its characters, as many forms do. */
  private static String spaced(String title) {
    return String.join(" ", title.split(""));
  }

  private static void cover(B b, CaseFacts f) {
    b.space(20);
    b.line(f.courtName(), COURT, Align.CENTRE, true);
    b.space(10);
    b.line("诉讼卷宗", 30f, Align.CENTRE, true);
    b.space(15);
    b.table(
        List.of(
            List.of("案号", f.caseNumber()),
            List.of("案由", f.cause()),
            List.of("原告", f.plaintiff()),
            List.of("被告", f.defendant()),
            List.of("审判员", f.judge()),
            List.of("书记员", f.clerk()),
            List.of("收案日期", f.date(0)),
            List.of("结案日期", f.date(60 + b.r.nextInt(40))),
            List.of("归档日期", f.date(120)),
            List.of("本卷共", (20 + b.r.nextInt(60)) + "页")),
        BODY);
  }

  private static void contents(B b, CaseFacts f) {
    b.line("卷内目录", TITLE, Align.CENTRE, true);
    b.space(6);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("序号", "文件名称", "页号"));
    String[] names = {"民事起诉状", "受理案件通知书", "应诉通知书", "举证通知书", "证据材料", "庭审笔录", "民事判决书", "送达回证"};
    int page = 1;
    for (int i = 0; i < names.length; i++) {
      rows.add(List.of(String.valueOf(i + 1), names[i], String.valueOf(page)));
      page += 1 + b.r.nextInt(3);
    }
    b.table(rows, BODY);
  }

  private static void form(B b, CaseFacts f, String title, boolean approval) {
    header(b, f, title, true);
    if (approval) {
      b.table(
          List.of(
              List.of("案由", f.cause()),
              List.of("原告", f.plaintiff() + "，住" + f.address()),
              List.of("被告", f.defendant()),
              List.of("诉讼请求", "判令被告偿还借款" + f.money() + "及利息"),
              List.of("承办人意见", "符合立案条件，建议立案"),
              List.of("庭长意见", "同意"),
              List.of("立案日期", f.date(0))),
          BODY);
    } else {
      b.table(
          List.of(
              List.of("案由", f.cause()),
              List.of("被传唤人", f.defendant()),
              List.of("工作单位或住址", f.address()),
              List.of("传唤事由", "开庭审理"),
              List.of("应到时间", f.date(30) + "上午9时00分"),
              List.of("应到处所", "本院第" + (1 + b.r.nextInt(12)) + "审判庭")),
          BODY);
      b.space(6);
      b.para("注意事项：一、被传唤人必须准时到达应到处所。二、本传票由被传唤人携带来院报到。", SMALL);
    }
    b.space(12);
    b.line(f.date(b.r.nextInt(5)), BODY, Align.RIGHT, false);
    b.seal(f.courtName());
  }

  private static void complaint(B b, CaseFacts f, String title, boolean defence) {
    b.line(b.r.nextInt(3) == 0 ? spaced(title) : title, TITLE, Align.CENTRE, true);
    b.space(8);
    String self = defence ? "答辩人" : title.contains("上诉") ? "上诉人" : "原告";
    String other = defence ? "被答辩人" : title.contains("上诉") ? "被上诉人" : "被告";
    b.para(
        self
            + "："
            + (defence ? f.defendant() : f.plaintiff())
            + "，住"
            + f.address()
            + "，公民身份号码"
            + f.idNumber()
            + "。",
        BODY);
    b.para(other + "：" + (defence ? f.plaintiff() : f.defendant()) + "。", BODY);
    if (!defence) {
      b.line("诉讼请求：", BODY, Align.LEFT, true);
      b.para("一、判令被告偿还借款本金" + f.money() + "及利息；", BODY);
      b.para("二、本案诉讼费用由被告负担。", BODY);
      b.line("事实与理由：", BODY, Align.LEFT, true);
    } else {
      b.para("答辩人就原告诉答辩人" + f.cause() + "一案，提出答辩意见如下：", BODY);
    }
    facts(b, f, 2 + b.r.nextInt(4));
    b.para("此致", BODY);
    b.para(f.courtName(), BODY);
    b.space(8);
    b.line(self + "：" + (defence ? f.defendant() : f.plaintiff()), BODY, Align.RIGHT, false);
    b.signature(Align.RIGHT);
    b.line(f.date(-3), BODY, Align.RIGHT, false);
  }

  private static void facts(B b, CaseFacts f, int n) {
    String[] pool = {
      f.plaintiff()
          + "与"
          + f.defendant()
          + "系朋友关系。"
          + f.date(-400)
          + "，被告因资金周转困难向原告借款"
          + f.money()
          + "，双方约定借款期限为一年，月利率百分之一。",
      "借款到期后，原告多次催讨，被告均以各种理由推托，至今未归还借款本金及利息。原告认为，合法的借贷关系受法律保护，被告应当按照约定偿还借款。",
      "原告通过银行转账方式向被告支付了全部借款，被告出具了借条一份，载明借款金额、期限及利息。上述事实有借条、银行转账记录等证据证实。",
      "为维护原告的合法权益，根据《中华人民共和国民法典》第六百六十七条、第六百七十四条及《中华人民共和国民事诉讼法》的相关规定，特向贵院提起诉讼，请求依法判决。",
      "被告在收到原告的催款通知后，曾于" + f.date(-30) + "书面承诺分期归还，但此后并未履行任何还款义务，其行为已构成违约。",
      "双方在借款合同中约定，如发生纠纷，由原告住所地人民法院管辖。本案争议金额明确，事实清楚，证据充分。",
      "本院认为，当事人对自己提出的诉讼请求所依据的事实，有责任提供证据加以证明。原告提交的证据能够相互印证，本院予以确认。"
    };
    int start = b.r.nextInt(pool.length);
    for (int i = 0; i < n; i++) {
      b.para(pool[(start + i) % pool.length], BODY);
    }
  }

  private static void notice(B b, CaseFacts f, String title, String to, String text) {
    header(b, f, title, true);
    b.para(to, BODY, false);
    b.para(text, BODY);
    b.para("特此通知。", BODY);
    if (b.r.nextBoolean()) {
      b.para("联系人：" + f.clerk() + "，联系电话：0730" + (1000000 + b.r.nextInt(8999999)) + "。", BODY);
    }
    b.space(15);
    b.line(f.date(2 + b.r.nextInt(5)), BODY, Align.RIGHT, false);
    b.seal(f.courtName());
  }

  private static void fee(B b, CaseFacts f) {
    header(b, f, "交纳诉讼费用通知书", true);
    b.para(f.plaintiff() + "：", BODY, false);
    b.para(
        "你诉"
            + f.defendant()
            + f.cause()
            + "一案，根据《诉讼费用交纳办法》的规定，应预交案件受理费"
            + (50 + f.amount() / 100)
            + "元，请于收到本通知书次日起七日内交纳。",
        BODY);
    b.table(
        List.of(
            List.of("收款单位", f.courtName()),
            List.of("开户银行", "中国工商银行" + (b.r.nextBoolean() ? "城南支行" : "营业部")),
            List.of("账号", String.valueOf(1900000000L + b.r.nextInt(99999999)))),
        BODY);
    b.para("逾期不交纳的，按撤诉处理。", BODY);
    b.space(10);
    b.line(f.date(3), BODY, Align.RIGHT, false);
    b.seal(f.courtName());
  }

  private static void power(B b, CaseFacts f) {
    b.line("授权委托书", TITLE, Align.CENTRE, true);
    b.space(8);
    b.para("委托人：" + f.plaintiff() + "，住" + f.address() + "。", BODY, false);
    b.para("受托人：" + f.lawyer() + "，" + f.lawFirm() + "律师。", BODY, false);
    b.para(
        "现委托上列受托人在我与"
            + f.defendant()
            + f.cause()
            + "一案中，作为我的诉讼代理人。代理人的代理权限为：特别授权，代为起诉、应诉、调解、和解、签收法律文书。",
        BODY);
    b.space(12);
    b.line("委托人：", BODY, Align.RIGHT, false);
    if (b.r.nextInt(3) == 0) {
      // The signature lands alone on the next page: a near-empty page that must not be blank.
      b.pageBreak();
      b.space(40 + b.r.nextInt(80));
      b.signature(Align.RIGHT);
    } else {
      b.signature(Align.RIGHT);
      b.line(f.date(-2), BODY, Align.RIGHT, false);
    }
  }

  private static void identity(B b, CaseFacts f) {
    header(b, f, b.r.nextBoolean() ? "法定代表人身份证明书" : "身份证明", false);
    b.table(
        List.of(
            List.of("姓名", f.plaintiff()),
            List.of("性别", b.r.nextBoolean() ? "男" : "女"),
            List.of("民族", "汉"),
            List.of("住址", f.address()),
            List.of("公民身份号码", f.idNumber())),
        BODY);
    b.space(8);
    b.para("以上情况属实，特此证明。", BODY);
  }

  private static void evidenceList(B b, CaseFacts f) {
    b.line(b.r.nextBoolean() ? "证据目录" : "证据清单", TITLE, Align.CENTRE, true);
    b.space(6);
    b.para("提交人：" + f.plaintiff(), BODY, false);
    b.table(
        List.of(
            List.of("序号", "证据名称", "证明目的", "页数"),
            List.of("1", "借条", "证明借款事实", "1"),
            List.of("2", "银行转账记录", "证明款项已交付", "2"),
            List.of("3", "催款通知", "证明原告多次催讨", "1"),
            List.of("4", "身份证复印件", "证明主体资格", "1")),
        BODY);
    b.space(8);
    b.line(f.date(-3), BODY, Align.RIGHT, false);
  }

  private static void evidence(B b, CaseFacts f) {
    int kind = b.r.nextInt(3);
    if (kind == 0) {
      b.space(20);
      b.line("借条", TITLE, Align.CENTRE, true);
      b.space(8);
      b.para("今借到" + f.plaintiff() + "人民币" + f.money() + "，借款期限一年，月利率百分之一，到期一次性归还本息。", BODY);
      b.space(8);
      b.line("借款人：" + f.defendant(), BODY, Align.RIGHT, false);
      b.signature(Align.RIGHT);
      b.line(f.date(-400), BODY, Align.RIGHT, false);
    } else if (kind == 1) {
      b.line("借款合同", TITLE, Align.CENTRE, true);
      b.space(6);
      b.para("出借人（甲方）：" + f.plaintiff(), BODY, false);
      b.para("借款人（乙方）：" + f.defendant(), BODY, false);
      b.para("第一条 借款金额：人民币" + f.money() + "。", BODY, false);
      b.para("第二条 借款期限：自" + f.date(-400) + "起至" + f.date(-35) + "止。", BODY, false);
      b.para("第三条 借款利率：月利率百分之一，按月计息。", BODY, false);
      b.para("第四条 违约责任：乙方逾期还款的，应按逾期金额每日万分之五支付违约金。", BODY, false);
      b.para("第五条 本合同自双方签字之日起生效，一式两份，甲乙双方各执一份。", BODY, false);
      b.space(8);
      b.line("甲方：" + f.plaintiff() + "　　乙方：" + f.defendant(), BODY, Align.LEFT, false);
      if (b.r.nextInt(3) == 0) {
        // A page that carries nothing but the bank's seal.
        b.pageBreak();
        b.space(60 + b.r.nextInt(60));
        b.seal("中国工商银行业务专用章");
      }
    } else {
      b.line("银行流水", TITLE, Align.CENTRE, true);
      b.space(4);
      b.para(
          "户名：" + f.plaintiff() + "　账号：6222" + (100000000L + b.r.nextInt(899999999)), SMALL, false);
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("交易日期", "摘要", "金额", "余额"));
      int balance = f.amount() + 5000 + b.r.nextInt(50000);
      for (int i = 0; i < 6 + b.r.nextInt(6); i++) {
        int amt = 100 + b.r.nextInt(9000);
        balance -= amt;
        rows.add(
            List.of(
                f.date(-400 + i * 3).replace("年", "-").replace("月", "-").replace("日", ""),
                i == 2 ? "转账" : "消费",
                "-" + amt,
                String.valueOf(balance)));
      }
      b.table(rows, SMALL);
    }
  }

  private static void preservation(B b, CaseFacts f) {
    b.line("财产保全申请书", TITLE, Align.CENTRE, true);
    b.space(8);
    b.para("申请人：" + f.plaintiff() + "，住" + f.address() + "。", BODY, false);
    b.para("被申请人：" + f.defendant() + "。", BODY, false);
    b.line("请求事项：", BODY, Align.LEFT, true);
    b.para("请求依法冻结被申请人银行存款" + f.money() + "或查封、扣押其同等价值的其他财产。", BODY);
    b.line("事实与理由：", BODY, Align.LEFT, true);
    b.para("申请人与被申请人" + f.cause() + "一案，贵院已经受理。为防止被申请人转移财产，保证将来判决得以执行，特申请财产保全，申请人愿意提供担保。", BODY);
    b.para("此致", BODY);
    b.para(f.courtName(), BODY);
    b.space(6);
    b.line("申请人：" + f.plaintiff(), BODY, Align.RIGHT, false);
    b.line(f.date(1), BODY, Align.RIGHT, false);
  }

  private static void transcript(B b, CaseFacts f, String title) {
    header(b, f, title, true);
    b.para("时间：" + f.date(30) + "上午9时00分", BODY, false);
    b.para("地点：本院第" + (1 + b.r.nextInt(9)) + "审判庭", BODY, false);
    b.para("审判员：" + f.judge() + "　书记员：" + f.clerk(), BODY, false);
    String[][] qa = {
      {"审", "现在开庭。核对当事人身份。原告，你的基本情况？"},
      {"原", "我叫" + f.plaintiff() + "，住" + f.address() + "。"},
      {"审", "被告，你的基本情况？"},
      {"被", f.defendant() + "，基本情况与起诉状记载一致。"},
      {"审", "对对方出庭人员有无异议？"},
      {"原", "没有异议。"},
      {"被", "没有异议。"},
      {"审", "原告陈述诉讼请求及事实理由。"},
      {"原", "请求判令被告偿还借款" + f.money() + "及利息，事实理由与起诉状一致。"},
      {"审", "被告答辩。"},
      {"被", "借款属实，但我已经归还了一部分，具体金额记不清了。"},
      {"审", "被告，你有无证据证明已经还款？"},
      {"被", "暂时没有，庭后提交。"},
      {"审", "双方是否愿意调解？"},
      {"原", "愿意调解，但被告需在三个月内还清。"},
      {"被", "同意调解，希望分期归还。"},
      {"审", "双方对借条的真实性有无异议？"},
      {"被", "对借条的真实性没有异议。"},
      {"审", "法庭辩论结束，双方最后陈述。"},
      {"原", "坚持诉讼请求。"},
      {"被", "请求法院从轻处理。"},
      {"审", "现在休庭，请双方阅读笔录后签字。"}
    };
    int n = 10 + b.r.nextInt(qa.length - 9);
    for (int i = 0; i < n && i < qa.length; i++) {
      b.para(qa[i][0] + "：" + qa[i][1], BODY, false);
    }
    b.space(6);
    b.line("原告：　　　　被告：　　　　书记员：" + f.clerk(), BODY, Align.LEFT, false);
    b.signature(Align.LEFT);
  }

  private static void decision(B b, CaseFacts f, String title, boolean judgment) {
    header(b, f, title, true);
    b.para("原告：" + f.plaintiff() + "，住" + f.address() + "。", BODY, false);
    b.para("委托诉讼代理人：" + f.lawyer() + "，" + f.lawFirm() + "律师。", BODY, false);
    b.para("被告：" + f.defendant() + "。", BODY, false);
    b.para(
        "原告"
            + f.plaintiff()
            + "与被告"
            + f.defendant()
            + f.cause()
            + "一案，本院于"
            + f.date(0)
            + "立案后，依法适用简易程序，公开开庭进行了审理。原告及其委托诉讼代理人、被告到庭参加诉讼。本案现已审理终结。",
        BODY);
    facts(b, f, 3 + b.r.nextInt(4));
    if (judgment) {
      b.para("综上所述，依照《中华人民共和国民法典》第六百七十五条、第六百七十六条，《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：", BODY);
      b.para(
          "一、被告" + f.defendant() + "于本判决生效之日起十日内偿还原告" + f.plaintiff() + "借款本金" + f.money() + "及利息；",
          BODY);
      b.para("二、驳回原告的其他诉讼请求。", BODY);
      b.para("案件受理费" + (50 + f.amount() / 100) + "元，减半收取，由被告负担。", BODY);
      b.para("如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于中级人民法院。", BODY);
    } else {
      b.para("本案在审理过程中，经本院主持调解，双方当事人自愿达成如下协议：", BODY);
      b.para("一、被告" + f.defendant() + "分三期偿还原告借款" + f.money() + "；", BODY);
      b.para("二、案件受理费减半收取，由被告负担。", BODY);
      b.para("上述协议，不违反法律规定，本院予以确认。本调解书经双方当事人签收后，即具有法律效力。", BODY);
    }
    if (b.r.nextInt(3) == 0) {
      // Signature page of a judgment: only 「（此页无正文）」 and the seal.
      b.pageBreak();
      b.line("（此页无正文）", BODY, Align.LEFT, false);
      b.space(40);
      b.seal(f.courtName());
    } else {
      b.space(10);
      b.line("审判员　" + f.judge(), BODY, Align.RIGHT, false);
      b.line(f.date(70), BODY, Align.RIGHT, false);
      b.seal(f.courtName());
      b.line("书记员　" + f.clerk(), BODY, Align.RIGHT, false);
    }
  }

  private static void ruling(B b, CaseFacts f) {
    header(b, f, "民事裁定书", true);
    b.para("原告：" + f.plaintiff() + "。", BODY, false);
    b.para("被告：" + f.defendant() + "。", BODY, false);
    b.para(
        "本院在审理原告"
            + f.plaintiff()
            + "与被告"
            + f.defendant()
            + f.cause()
            + "一案中，原告于"
            + f.date(40)
            + "向本院提出撤诉申请。",
        BODY);
    b.para("本院认为，原告撤诉申请系其真实意思表示，且不违反法律规定，应予准许。依照《中华人民共和国民事诉讼法》第一百四十八条第一款规定，裁定如下：", BODY);
    b.para("准许原告" + f.plaintiff() + "撤回起诉。", BODY);
    b.para("案件受理费减半收取，由原告负担。", BODY);
    b.space(10);
    b.line("审判员　" + f.judge(), BODY, Align.RIGHT, false);
    b.line(f.date(42), BODY, Align.RIGHT, false);
    b.seal(f.courtName());
  }

  private static void receipt(B b, CaseFacts f) {
    header(b, f, "送达回证", true);
    b.table(
        List.of(
            List.of("送达文书", b.r.nextBoolean() ? "民事判决书" : "应诉通知书、举证通知书"),
            List.of("受送达人", b.r.nextBoolean() ? f.plaintiff() : f.defendant()),
            List.of("送达地点", f.address()),
            List.of("送达方式", b.r.nextBoolean() ? "直接送达" : "邮寄送达"),
            List.of("受送达人签收", ""),
            List.of("送达人", f.clerk()),
            List.of("备注", "")),
        BODY);
    b.signature(Align.CENTRE);
    b.space(6);
    b.line(f.date(72), BODY, Align.RIGHT, false);
  }

  private static void remarks(B b, CaseFacts f) {
    b.line("卷内备考表", TITLE, Align.CENTRE, true);
    b.space(8);
    b.para(
        "本卷情况说明：本卷共有文件材料" + (8 + b.r.nextInt(20)) + "件，共" + (20 + b.r.nextInt(60)) + "页，其中照片0张。",
        BODY);
    b.space(20);
    b.line("立卷人：" + f.clerk(), BODY, Align.RIGHT, false);
    b.line("检查人：" + f.judge(), BODY, Align.RIGHT, false);
    b.line("立卷时间：" + f.date(120), BODY, Align.RIGHT, false);
  }

  /** A small builder so templates read like the page. */
  private static final class B {
    final Random r;
    final List<Block> blocks = new ArrayList<>();

    B(Random r) {
      this.r = r;
    }

    void line(String text, float pt, Align align, boolean bold) {
      blocks.add(new Line(text, pt, align, bold));
    }

    void para(String text, float pt) {
      blocks.add(new Paragraph(text, pt, true));
    }

    void para(String text, float pt, boolean indent) {
      blocks.add(new Paragraph(text, pt, indent));
    }

    void table(List<List<String>> rows, float pt) {
      blocks.add(new Table(rows, pt));
    }

    void space(float mm) {
      blocks.add(new Space(mm));
    }

    void signature(Align align) {
      blocks.add(new Signature(align));
    }

    void seal(String text) {
      blocks.add(new Seal(text));
    }

    void pageBreak() {
      blocks.add(new PageBreak());
    }
  }
}
