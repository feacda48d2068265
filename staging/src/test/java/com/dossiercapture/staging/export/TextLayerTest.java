package com.dossiercapture.staging.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextLayerTest {

  @Test
  void linesShapeTakesSpacingFromTheLineText() {
    String json =
        "{\"lines\":[{\"text\":\"被告 Hunan Trading 公司\",\"words\":["
            + "{\"text\":\"被告\",\"box\":{\"x\":0,\"y\":0,\"width\":40,\"height\":20}},"
            + "{\"text\":\"Hunan\",\"box\":{\"x\":50,\"y\":0,\"width\":50,\"height\":20}},"
            + "{\"text\":\"Trading\",\"box\":{\"x\":110,\"y\":0,\"width\":60,\"height\":20}},"
            + "{\"text\":\"公司\",\"box\":{\"x\":180,\"y\":0,\"width\":40,\"height\":20}}]}]}";
    TextLayer.Parsed p = TextLayer.parse(json);
    assertThat(p.lines()).hasSize(1);
    assertThat(p.lines().get(0).spaceAfter()).containsExactly(true, true, true, false);
  }

  @Test
  void withoutLineTextOnlyLatinWordsAreSeparated() {
    String json =
        "[{\"text\":\"民事\",\"x\":0,\"y\":0,\"w\":40,\"h\":20},"
            + "{\"text\":\"判决书\",\"x\":44,\"y\":1,\"w\":60,\"h\":20},"
            + "{\"text\":\"Co.\",\"x\":110,\"y\":0,\"w\":30,\"h\":20},"
            + "{\"text\":\"Ltd.\",\"x\":150,\"y\":0,\"w\":30,\"h\":20},"
            + "{\"text\":\"第二行\",\"bbox\":[0,40,60,60]}]";
    TextLayer.Parsed p = TextLayer.parse(json);
    assertThat(p.lines()).hasSize(2);
    assertThat(p.lines().get(0).spaceAfter()).containsExactly(false, false, true, false);
    assertThat(p.lines().get(1).words().get(0).w()).isEqualTo(60);
  }

  @Test
  void explicitLineIndicesGroupWords() {
    String json =
        "{\"width\":2480,\"height\":3508,\"words\":["
            + "{\"text\":\"甲\",\"x\":0,\"y\":0,\"w\":20,\"h\":20,\"line\":0},"
            + "{\"text\":\"乙\",\"x\":0,\"y\":30,\"w\":20,\"h\":20,\"line\":1},"
            + "{\"text\":\"丙\",\"x\":30,\"y\":0,\"w\":20,\"h\":20,\"line\":0}]}";
    TextLayer.Parsed p = TextLayer.parse(json);
    assertThat(p.imageWidth()).isEqualTo(2480);
    assertThat(p.lines()).hasSize(2);
    assertThat(p.lines().get(0).words().stream().map(TextLayer.Word::text).toList())
        .isEqualTo(List.of("甲", "丙"));
  }

  @Test
  void badJsonIsRejectedWithAReason() {
    assertThatThrownBy(() -> TextLayer.parse("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> TextLayer.parse("{\"foo\":1}"))
        .hasMessageContaining("no 'lines' or 'words'");
  }

  @Test
  void cjkClassification() {
    assertThat(TextLayer.isCjk('民')).isTrue();
    assertThat(TextLayer.isCjk('（')).isTrue();
    assertThat(TextLayer.isCjk('。')).isTrue();
    assertThat(TextLayer.isCjk('A')).isFalse();
    assertThat(TextLayer.isCjk('1')).isFalse();
  }
}
