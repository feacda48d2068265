package com.dossiercapture.staging.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FastPngEncoderTest {

  private static BufferedImage sample(int type, int w, int h, boolean noisy) {
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(180, 20, 40));
    g.fillOval(w / 4, h / 4, w / 2, h / 3);
    g.setColor(Color.BLACK);
    g.drawString("（2024）湘0602民初1234号", 5, h / 2);
    g.dispose();
    if (noisy) {
      Random r = new Random(5);
      for (int i = 0; i < w * h / 3; i++) {
        int x = r.nextInt(w);
        int y = r.nextInt(h);
        img.setRGB(x, y, r.nextBoolean() ? 0xff000000 : 0xffffffff);
      }
    }
    return img;
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertThat(actual.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected.getRGB(x, y));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "10, 640, 901, false", // TYPE_BYTE_GRAY, several strips, clean
    "10, 640, 901, true", // grey, noisy (Huffman-only strips)
    "10, 3, 2, false", // tiny: one strip
    "5, 333, 517, true", // TYPE_3BYTE_BGR
    "1, 200, 300, false", // TYPE_INT_RGB
    "2, 120, 80, false", // TYPE_INT_ARGB (alpha dropped: scans have none)
    "12, 301, 129, true", // TYPE_BYTE_BINARY
  })
  void roundTripsLosslessly(int type, int w, int h, boolean noisy) throws Exception {
    BufferedImage img = sample(type, w, h, noisy);
    byte[] png = FastPngEncoder.encode(img, 300);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    if (type == BufferedImage.TYPE_INT_ARGB) {
      BufferedImage opaque = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      opaque.getGraphics().drawImage(img, 0, 0, null);
      img = opaque;
    }
    assertSamePixels(img, back);
    if (type == BufferedImage.TYPE_BYTE_BINARY) {
      assertThat(back.getColorModel().getPixelSize()).isEqualTo(1);
    }
    if (type == BufferedImage.TYPE_BYTE_GRAY) {
      assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }
  }

  @Test
  void bilevelWithInvertedPaletteKeepsItsColours() throws Exception {
    IndexColorModel inverted =
        new IndexColorModel(
            1,
            2,
            new byte[] {(byte) 255, 0},
            new byte[] {(byte) 255, 0},
            new byte[] {(byte) 255, 0});
    BufferedImage img = new BufferedImage(77, 41, BufferedImage.TYPE_BYTE_BINARY, inverted);
    for (int i = 0; i < 77; i++) {
      img.setRGB(i, i % 41, 0xff000000);
      img.setRGB(76 - i, 20, 0xffffffff);
    }
    assertSamePixels(img, ImageIO.read(new ByteArrayInputStream(FastPngEncoder.encode(img, 200))));
  }

  @Test
  void recordsTheResolution() throws Exception {
    byte[] png = FastPngEncoder.encode(sample(BufferedImage.TYPE_BYTE_GRAY, 50, 50, false), 300);
    ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
    reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(png)));
    IIOMetadataNode root =
        (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_1.0");
    IIOMetadataNode hps =
        (IIOMetadataNode) root.getElementsByTagName("HorizontalPixelSize").item(0);
    double mmPerPixel = Double.parseDouble(hps.getAttribute("value"));
    assertThat(25.4 / mmPerPixel).isCloseTo(300, org.assertj.core.data.Offset.offset(0.5));
  }
}
