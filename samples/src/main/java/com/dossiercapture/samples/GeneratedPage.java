package com.dossiercapture.samples;

import java.awt.image.BufferedImage;

/**
 * One synthetic scanned page and its ground truth.
 *
 * @param image the page as the scanner would deliver it
 * @param truth what is really on it
 */
public record GeneratedPage(BufferedImage image, PageTruth truth) {}
