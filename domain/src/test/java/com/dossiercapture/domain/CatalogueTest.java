package com.dossiercapture.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {

  @Test
  void defaultCatalogueFollowsTheStandardOrder() {
    Catalogue c = Catalogue.loadDefault();
    assertThat(c.entries()).hasSize(23);
    assertThat(c.entries().getFirst().code()).isEqualTo("cover");
    assertThat(c.entries().getLast().code()).isEqualTo("remarks");
    assertThat(c.orderOf("judgment")).isLessThan(c.orderOf("ruling"));
    assertThat(c.entry("cover")).hasValueSatisfying(e -> assertThat(e.numbered()).isFalse());
    assertThat(c.entry("judgment"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.title()).isEqualTo("民事判决书");
              assertThat(e.title(Locale.ENGLISH)).isEqualTo("Civil judgment");
              assertThat(e.numbered()).isTrue();
            });
    assertThat(c.isKnownPageType("separator")).isTrue();
    assertThat(c.isKnownPageType("blank")).isTrue();
    assertThat(c.isKnownPageType("nonsense")).isFalse();
  }

  @Test
  void anEditedFileWithDuplicatesIsRefusedWithReasons(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cat.json");
    Files.writeString(
        f,
        """
        {"name":"x","version":2,"entries":[
          {"order":1,"code":"cover","title":"封面"},
          {"order":1,"code":"cover","title":"封面2"},
          {"order":3,"code":"blank","title":"空白"}]}
        """);
    assertThatThrownBy(() -> Catalogue.load(f))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining("code 'cover' appears twice")
        .hasMessageContaining("order 1 appears twice")
        .hasMessageContaining("reserved");
  }

  @Test
  void malformedJsonNamesTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.json");
    Files.writeString(f, "{\"entries\": [ {\"order\": 1, ");
    assertThatThrownBy(() -> Catalogue.load(f))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining("broken.json");
  }

  @Test
  void aLocalCatalogueCanReorderAndAddTypes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("local.json");
    Files.writeString(
        f,
        """
        {"name":"本院","version":3,"entries":[
          {"order":2,"code":"judgment","title":"判决书"},
          {"order":1,"code":"cover","title":"封面","numbered":false},
          {"order":3,"code":"letter_petition","title":"信访材料","keywords":["信访"]}]}
        """);
    Catalogue c = Catalogue.load(f);
    assertThat(c.entries())
        .extracting(CatalogueEntry::code)
        .containsExactly("cover", "judgment", "letter_petition");
    assertThat(c.version()).isEqualTo(3);
  }
}
