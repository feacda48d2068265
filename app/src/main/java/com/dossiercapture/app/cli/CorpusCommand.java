package com.dossiercapture.app.cli;

import com.dossiercapture.app.i18n.Messages;
import com.dossiercapture.samples.GenerateCorpus;
import com.dossiercapture.samples.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code corpus generate|score}: the synthetic court-page corpus with ground truth, and the scorer
 * that compares a {@code process} report with it (accuracy figures for the page pipeline).
 */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    resourceBundle = Messages.BUNDLE,
    subcommands = {CorpusCommand.Generate.class, CorpusCommand.Score.class})
public final class CorpusCommand {

  /** {@code corpus generate --out DIR --pages N --seed S [--dpi D] [--damage full|light|none]}. */
  @Command(name = "generate", resourceBundle = Messages.BUNDLE)
  public static final class Generate implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return GenerateCorpus.run(args.toArray(String[]::new), System.out, System.err);
    }
  }

  /** {@code corpus score --truth ground-truth.jsonl --report report.jsonl}. */
  @Command(name = "score", resourceBundle = Messages.BUNDLE)
  public static final class Score implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return Scorer.run(args.toArray(String[]::new), System.out, System.err);
    }
  }
}
