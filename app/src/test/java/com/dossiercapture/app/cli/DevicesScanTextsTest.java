package com.dossiercapture.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The devices and scan commands take their help texts from the bundles, in the chosen language. */
class DevicesScanTextsTest extends CliTestBase {

  @Test
  void devicesHelpIsChineseByDefault() {
    assertThat(run("devices", "--help")).isZero();
    assertThat(out.toString())
        .contains("列出驱动能找到的扫描仪")
        .contains("同时列出 SANE 测试设备和模拟进纸器")
        .contains("网络扫描仪写入文件的热文件夹")
        .doesNotContain("List the scanners")
        .doesNotContain("!dossier-capture.")
        .doesNotContain("!devices.");
  }

  @Test
  void scanHelpIsEnglishOnRequest() {
    assertThat(run("--lang", "en", "scan", "--help")).isZero();
    assertThat(out.toString())
        .contains("Run one scan session straight into the staging store")
        .contains("Device id from the devices command")
        .contains("On a jam or other fault: stop (default) or resume")
        .doesNotContain("扫描到暂存库")
        .doesNotContain("!dossier-capture.")
        .doesNotContain("!scan.");
  }
}
