package com.dossiercapture.app.cli;

import com.dossiercapture.app.Main;
import com.dossiercapture.app.i18n.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;

/** Runs command lines in-process, capturing what they print; restores the default language. */
abstract class CliTestBase {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs a command line and returns its exit code. */
  int run(String... args) {
    var cl = Main.commandLine(args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @AfterEach
  void resetLanguage() {
    Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
  }
}
