package com.dossiercapture.scanner.sane;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The C structures of {@code sane.h}, laid out with the platform's default alignment. */
public final class SaneStructs {

  private SaneStructs() {}

  /** {@code SANE_Device}: four const strings owned by the backend. */
  @Structure.FieldOrder({"name", "vendor", "model", "type"})
  public static class Device extends Structure {
    public String name;
    public String vendor;
    public String model;
    public String type;

    public Device(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code SANE_Option_Descriptor}; {@code constraint} is the union of pointers. */
  @Structure.FieldOrder({
    "name",
    "title",
    "desc",
    "type",
    "unit",
    "size",
    "cap",
    "constraintType",
    "constraint"
  })
  public static class OptionDescriptor extends Structure {
    public String name;
    public String title;
    public String desc;
    public int type;
    public int unit;
    public int size;
    public int cap;
    public int constraintType;
    public Pointer constraint;

    public OptionDescriptor(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code SANE_Range}. */
  @Structure.FieldOrder({"min", "max", "quant"})
  public static class Range extends Structure {
    public int min;
    public int max;
    public int quant;

    public Range(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code SANE_Parameters}. */
  @Structure.FieldOrder({"format", "lastFrame", "bytesPerLine", "pixelsPerLine", "lines", "depth"})
  public static class Parameters extends Structure {
    public int format;
    public int lastFrame;
    public int bytesPerLine;
    public int pixelsPerLine;
    public int lines;
    public int depth;
  }
}
