package com.dossiercapture.ocr.paddle;

import com.dossiercapture.ocr.image.BlankDetector;
import com.dossiercapture.ocr.image.BorderCleaner;
import com.dossiercapture.ocr.image.Mats;
import com.dossiercapture.ocr.image.OrientationDetector;
import com.dossiercapture.ocr.image.PageLayout;
import com.dossiercapture.ocr.image.QualityCheck;
import com.dossiercapture.ocr.image.SkewEstimator;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.opencv.core.Mat;

/**
 * Runs our OpenCV code in two threads while a third thread collects garbage every millisecond, so
 * that OpenCV's finalizer frees every unreachable {@code Mat} as early as it can: a matrix that a
 * native call still uses but that the Java code no longer references is freed under that call.
 * Before the matrices were kept reachable ({@link Mats#keep}) this corrupted the C heap in most
 * runs of 20 s. Meant to run in a child JVM ({@code MatLifetimeTest}): a crash takes the whole JVM
 * down.
 *
 * <p>Arguments: seconds to run. Prints {@code iterations N} and exits 0 when it survived.
 */
public final class MatLifetimeStress {

  private MatLifetimeStress() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
    Mats.load();
    BufferedImage page = page();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong iterations = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Thread[] workers = new Thread[2];
    for (int t = 0; t < workers.length; t++) {
      workers[t] =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    once(page);
                    iterations.incrementAndGet();
                  } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                  }
                }
              },
              "stress-" + t);
      workers[t].start();
    }
    Thread collector =
        new Thread(
            () -> {
              while (running.get()) {
                System.gc();
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "collector");
    collector.setDaemon(true);
    collector.start();
    Thread.sleep(seconds * 1000);
    running.set(false);
    for (Thread w : workers) {
      w.join();
    }
    System.out.println("iterations " + iterations.get() + " failures " + failures.get());
    System.exit(failures.get() == 0 ? 0 : 1);
  }

  /** One pass over the image code, as the page pipeline runs it, without OCR. */
  private static void once(BufferedImage page) {
    Mat grey = Mats.grey(page);
    Mat cleaned = BorderCleaner.clean(grey);
    BlankDetector.detect(cleaned, 150);
    OrientationDetector.axisAndSkew(cleaned, 150);
    Mat turned = Mats.rotateClockwise(cleaned, 90);
    double skew = SkewEstimator.estimate(turned, 150, 15).degrees();
    Mat straight = SkewEstimator.deskew(turned, skew + 1.5);
    PageLayout.textLines(straight, 150, 0, straight.rows());
    PageLayout.titleCut(straight, 150);
    Mats.toImage(OrientationDetector.textBand(straight, 150));
    QualityCheck.check(straight, 150, false);
    Mat small = Mats.scale(cleaned, 0.25);
    int w = small.cols();
    int h = small.rows();
    byte[] px = new byte[w * h];
    small.get(0, 0, px);
    float[] prob = new float[w * h];
    for (int i = 0; i < prob.length; i++) {
      prob[i] = (255 - (px[i] & 0xff)) / 255f;
    }
    DbPostProcess.boxes(prob, w, h, 4, 4, w * 4, h * 4);
  }

  /** An A4 page at 150 dpi with lines of text and a dark strip along one edge. */
  private static BufferedImage page() {
    BufferedImage img = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, 30, img.getHeight());
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 14));
    for (int y = 60; y < 1700; y += 20) {
      g.drawString(
          "The quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopqrstuvwxyz ,.;:!? "
              + y,
          45,
          y);
    }
    g.dispose();
    return img;
  }
}
