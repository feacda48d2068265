package com.dossiercapture.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Writes page images as PNG with their resolution recorded (pHYs chunk). */
public final class ImageFiles {

  private ImageFiles() {}

  /** Writes {@code image} to {@code file} as PNG, recording {@code dpi}. */
  public static void writePng(BufferedImage image, int dpi, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (OutputStream os = Files.newOutputStream(file);
        ImageOutputStream out = ImageIO.createImageOutputStream(os)) {
      writer.setOutput(out);
      IIOMetadata meta =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      double mmPerPixel = 25.4 / dpi;
      IIOMetadataNode h = new IIOMetadataNode("HorizontalPixelSize");
      h.setAttribute("value", Double.toString(mmPerPixel));
      IIOMetadataNode v = new IIOMetadataNode("VerticalPixelSize");
      v.setAttribute("value", Double.toString(mmPerPixel));
      IIOMetadataNode dim = new IIOMetadataNode("Dimension");
      dim.appendChild(h);
      dim.appendChild(v);
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_1.0");
      root.appendChild(dim);
      try {
        meta.mergeTree("javax_imageio_1.0", root);
      } catch (IIOInvalidTreeException e) {
        throw new IOException("cannot record the resolution in " + file, e);
      }
      writer.write(null, new IIOImage(image, null, meta), writer.getDefaultWriteParam());
    } finally {
      writer.dispose();
    }
  }
}
