package com.dossiercapture.scanner.sane;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Child-JVM entry point of {@link SaneInProcessSuiteTest}: runs one test class with the JUnit
 * Platform and exits 0 only when it ran tests and none failed.
 */
public final class InProcessRunner {

  private InProcessRunner() {}

  public static void main(String[] args) throws Exception {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(Class.forName(args[0])))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    s.printTo(out);
    s.printFailuresTo(out, 30);
    out.printf(
        "IN-PROCESS RESULT %s: found %d, succeeded %d, failed %d, skipped %d%n",
        args[0],
        s.getTestsFoundCount(),
        s.getTestsSucceededCount(),
        s.getTotalFailureCount(),
        s.getTestsSkippedCount());
    out.flush();
    Runtime.getRuntime()
        .halt(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
