package com.dossiercapture.ocr.engine;

/**
 * One recognised word (for Chinese usually one character or a short run of characters).
 *
 * @param text the word's text
 * @param box where it is on the image
 * @param confidence the engine's confidence, 0..1
 */
public record OcrWord(String text, Box box, double confidence) {}
