package com.dossiercapture.scanner.twain;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;

/**
 * The TWAIN 2.x structures ({@code twain.h}) the driver exchanges with the DSM, laid out with
 * 2-byte packing as {@code twain.h} demands ({@code #pragma pack(2)} on Windows and Linux).
 */
public final class TwainStructs {

  private TwainStructs() {}

  /** Base: no field is aligned to more than 2 bytes. */
  public abstract static class Packed2 extends Structure {
    protected Packed2() {
      super();
    }

    protected Packed2(Pointer p) {
      super(p);
    }

    /** Byte offset of a field (for the layout test against the C compiler's). */
    public int offsetOf(String field) {
      return fieldOffset(field);
    }

    @Override
    protected int getNativeAlignment(Class<?> type, Object value, boolean isFirstElement) {
      return Math.min(2, super.getNativeAlignment(type, value, isFirstElement));
    }
  }

  /** {@code TW_STR32}: 34 bytes, NUL-terminated. */
  static String str(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  static void str(byte[] dst, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    java.util.Arrays.fill(dst, (byte) 0);
    System.arraycopy(b, 0, dst, 0, Math.min(b.length, dst.length - 1));
  }

  /** {@code TW_FIX32}. */
  @Structure.FieldOrder({"Whole", "Frac"})
  public static class Fix32 extends Packed2 {
    public short Whole;
    public short Frac;

    /** The packed 32-bit value as TWAIN stores it in containers' item words. */
    public static int toBits(double v) {
      int whole = (int) Math.floor(v);
      int frac = (int) Math.round((v - whole) * 65536) & 0xffff;
      return (frac << 16) | (whole & 0xffff);
    }

    public static double fromBits(int bits) {
      return (short) (bits & 0xffff) + ((bits >>> 16) & 0xffff) / 65536.0;
    }

    public double value() {
      return Whole + (Frac & 0xffff) / 65536.0;
    }
  }

  /** {@code TW_VERSION}. */
  @Structure.FieldOrder({"MajorNum", "MinorNum", "Language", "Country", "Info"})
  public static class Version extends Packed2 {
    public short MajorNum;
    public short MinorNum;
    public short Language;
    public short Country;
    public byte[] Info = new byte[34];
  }

  /** {@code TW_IDENTITY}. */
  @Structure.FieldOrder({
    "Id",
    "Version",
    "ProtocolMajor",
    "ProtocolMinor",
    "SupportedGroups",
    "Manufacturer",
    "ProductFamily",
    "ProductName"
  })
  public static class Identity extends Packed2 {
    public int Id;
    public Version Version = new Version();
    public short ProtocolMajor;
    public short ProtocolMinor;
    public int SupportedGroups;
    public byte[] Manufacturer = new byte[34];
    public byte[] ProductFamily = new byte[34];
    public byte[] ProductName = new byte[34];

    public Identity() {
      super();
    }

    public Identity(Pointer p) {
      super(p);
      read();
    }

    public String productName() {
      return str(ProductName);
    }

    public String manufacturer() {
      return str(Manufacturer);
    }
  }

  /** {@code TW_USERINTERFACE}. */
  @Structure.FieldOrder({"ShowUI", "ModalUI", "hParent"})
  public static class UserInterface extends Packed2 {
    public short ShowUI;
    public short ModalUI;
    public Pointer hParent;
  }

  /** {@code TW_CAPABILITY}. */
  @Structure.FieldOrder({"Cap", "ConType", "hContainer"})
  public static class Capability extends Packed2 {
    public short Cap;
    public short ConType;
    public Pointer hContainer;
  }

  /** {@code TW_ONEVALUE}. */
  @Structure.FieldOrder({"ItemType", "Item"})
  public static class OneValue extends Packed2 {
    public short ItemType;
    public int Item;

    public OneValue() {
      super();
    }

    public OneValue(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code TW_RANGE}. */
  @Structure.FieldOrder({
    "ItemType",
    "MinValue",
    "MaxValue",
    "StepSize",
    "DefaultValue",
    "CurrentValue"
  })
  public static class Range extends Packed2 {
    public short ItemType;
    public int MinValue;
    public int MaxValue;
    public int StepSize;
    public int DefaultValue;
    public int CurrentValue;

    public Range() {
      super();
    }

    public Range(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code TW_ENUMERATION} header; items follow at {@link #itemsOffset()}. */
  @Structure.FieldOrder({"ItemType", "NumItems", "CurrentIndex", "DefaultIndex"})
  public static class Enumeration extends Packed2 {
    public short ItemType;
    public int NumItems;
    public int CurrentIndex;
    public int DefaultIndex;

    public Enumeration() {
      super();
    }

    public Enumeration(Pointer p) {
      super(p);
      read();
    }

    /** Offset of {@code ItemList} (the header size). */
    public static int itemsOffset() {
      return 14;
    }
  }

  /** {@code TW_IMAGEINFO}. */
  @Structure.FieldOrder({
    "XResolution", "YResolution", "ImageWidth", "ImageLength", "SamplesPerPixel",
    "BitsPerSample", "BitsPerPixel", "Planar", "PixelType", "Compression"
  })
  public static class ImageInfo extends Packed2 {
    public Fix32 XResolution = new Fix32();
    public Fix32 YResolution = new Fix32();
    public int ImageWidth;
    public int ImageLength;
    public short SamplesPerPixel;
    public short[] BitsPerSample = new short[8];
    public short BitsPerPixel;
    public short Planar;
    public short PixelType;
    public short Compression;
  }

  /** {@code TW_SETUPMEMXFER}. */
  @Structure.FieldOrder({"MinBufSize", "MaxBufSize", "Preferred"})
  public static class SetupMemXfer extends Packed2 {
    public int MinBufSize;
    public int MaxBufSize;
    public int Preferred;
  }

  /** {@code TW_MEMORY}. */
  @Structure.FieldOrder({"Flags", "Length", "TheMem"})
  public static class Memory extends Packed2 {
    public int Flags;
    public int Length;
    public Pointer TheMem;
  }

  /** {@code TW_IMAGEMEMXFER}. */
  @Structure.FieldOrder({
    "Compression",
    "BytesPerRow",
    "Columns",
    "Rows",
    "XOffset",
    "YOffset",
    "BytesWritten",
    "Memory"
  })
  public static class ImageMemXfer extends Packed2 {
    public short Compression;
    public int BytesPerRow;
    public int Columns;
    public int Rows;
    public int XOffset;
    public int YOffset;
    public int BytesWritten;
    public Memory Memory = new Memory();
  }

  /** {@code TW_PENDINGXFERS}. */
  @Structure.FieldOrder({"Count", "EOJ"})
  public static class PendingXfers extends Packed2 {
    public short Count;
    public int EOJ;
  }

  /** {@code TW_EVENT} (for DSMs without callbacks, which pass window messages). */
  @Structure.FieldOrder({"pEvent", "TWMessage"})
  public static class Event extends Packed2 {
    public Pointer pEvent;
    public short TWMessage;
  }

  /** {@code TW_STATUS}. */
  @Structure.FieldOrder({"ConditionCode", "Data"})
  public static class Status extends Packed2 {
    public short ConditionCode;
    public short Data;
  }

  /** {@code TW_CALLBACK2}. */
  @Structure.FieldOrder({"CallBackProc", "RefCon", "Message"})
  public static class Callback2 extends Packed2 {
    public Pointer CallBackProc;
    public long RefCon;
    public short Message;
  }

  /** {@code TW_ENTRYPOINT}: the DSM's memory functions. */
  @Structure.FieldOrder({
    "Size",
    "DSM_Entry",
    "DSM_MemAllocate",
    "DSM_MemFree",
    "DSM_MemLock",
    "DSM_MemUnlock"
  })
  public static class EntryPoint extends Packed2 {
    public int Size;
    public Pointer DSM_Entry;
    public Pointer DSM_MemAllocate;
    public Pointer DSM_MemFree;
    public Pointer DSM_MemLock;
    public Pointer DSM_MemUnlock;
  }
}
