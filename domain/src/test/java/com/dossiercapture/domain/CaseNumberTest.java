package com.dossiercapture.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseNumberTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "（2024）湘0602民初1234号|（2024）湘0602民初1234号",
        "(2024)湘0602民初1234号|（2024）湘0602民初1234号",
        "（二〇二四）湘0602民初1234号|",
        "（2O24）湘06民终 88 号|（2024）湘06民终88号",
        "（２０２３）京0105知民初00012号|（2023）京0105知民初12号",
        "（2022）粤执保3号|（2022）粤执保3号",
        "（2021）最高法民申5号|（2021）最高法民申5号",
        "  (2019) 沪 0115 执异 7 号 |（2019）沪0115执异7号",
      })
  void normalisesWhatOcrAndTypistsProduce(String printed, String expected) {
    var parsed = CaseNumber.parse(printed);
    if (expected == null) {
      assertThat(parsed).isEmpty();
    } else {
      assertThat(parsed)
          .hasValueSatisfying(
              c -> {
                assertThat(c.normalised()).isEqualTo(expected);
                assertThat(c.printed()).isEqualTo(printed.strip());
              });
    }
  }

  @ParameterizedTest
  @CsvSource({"（2024）湘060民初1号", "（2024）湘0602民初号", "2024湘0602民初1号", "（2024）XY02民初1号", "（1800）湘民初1号"})
  void rejectsWhatIsNotACaseNumber(String text) {
    assertThat(CaseNumber.parse(text)).isEmpty();
  }

  @Test
  void findsCaseNumbersInRunningTextAndKeepsThePrintedSlice() {
    String text = "湖南省岳阳市岳阳楼区人民法院\n民事判决书\n(2024) 湘0602民初1234号\n原告…… 本院（2023）湘06民终77号判决";
    var found = CaseNumber.findAll(text);
    assertThat(found)
        .extracting(CaseNumber::normalised)
        .containsExactly("（2024）湘0602民初1234号", "（2023）湘06民终77号");
    assertThat(found.get(0).printed()).isEqualTo("(2024) 湘0602民初1234号");
    assertThat(found.get(0).year()).isEqualTo(2024);
    assertThat(found.get(0).courtCode()).isEqualTo("湘0602");
    assertThat(found.get(0).typeCode()).isEqualTo("民初");
    assertThat(found.get(0).sequence()).isEqualTo(1234);
  }
}
