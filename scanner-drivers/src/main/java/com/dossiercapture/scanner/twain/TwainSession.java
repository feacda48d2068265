package com.dossiercapture.scanner.twain;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The TWAIN state machine over one DSM: 1 (nothing) → 2 (DSM loaded) → 3 (DSM open) → 4 (source
 * open, capabilities negotiable) → 5 (source enabled) → 6 (transfer ready) → 7 (transferring), and
 * back. Each transition is one method; a call in the wrong state is refused before it reaches the
 * DSM; every failure becomes a {@link TwainException} with the condition code read through
 * DAT_STATUS. Capability containers are allocated and freed with the DSM's own memory functions
 * (DAT_ENTRYPOINT). {@code MSG_XFERREADY} arrives through the DAT_CALLBACK2 callback.
 */
public final class TwainSession implements AutoCloseable {

  private final TwainLibrary dsm;
  private final TwainStructs.Identity app = new TwainStructs.Identity();
  private TwainStructs.Identity source;
  private TwainStructs.EntryPoint entry;
  private final BlockingQueue<Short> messages = new LinkedBlockingQueue<>();
  private final TwainLibrary.DsmCallback callback =
      (origin, dest, dg, dat, msg, data) -> {
        messages.add(msg);
        return TwainLibrary.TWRC_SUCCESS;
      };
  private final Memory parent = new Memory(Native.POINTER_SIZE);
  private int state = 2; // the library is loaded

  public TwainSession(TwainLibrary dsm) {
    this.dsm = dsm;
    parent.setPointer(0, null);
    app.Version.MajorNum = 1;
    app.Version.Language = 2; // TWLG_CHINESE
    app.Version.Country = 86; // TWCY_CHINA
    TwainStructs.str(app.Version.Info, "Dossier Capture");
    app.ProtocolMajor = 2;
    app.ProtocolMinor = 4;
    app.SupportedGroups = TwainLibrary.DG_CONTROL | TwainLibrary.DG_IMAGE | TwainLibrary.DF_APP2;
    TwainStructs.str(app.Manufacturer, "Dossier Capture");
    TwainStructs.str(app.ProductFamily, "Court scanning");
    TwainStructs.str(app.ProductName, "Dossier Capture");
  }

  /** The current TWAIN state, 2-7. */
  public int state() {
    return state;
  }

  private void require(int... allowed) {
    for (int a : allowed) {
      if (state == a) {
        return;
      }
    }
    throw new IllegalStateException(
        "TWAIN call not allowed in state "
            + state
            + " (allowed: "
            + java.util.Arrays.toString(allowed)
            + ")");
  }

  private short call(TwainStructs.Identity dest, int dg, short dat, short msg, Pointer data) {
    return dsm.DSM_Entry(app, dest, dg, dat, msg, data);
  }

  /** Fails with the condition code the DSM/source reports for the last call. */
  private TwainException failure(String what, short rc, TwainStructs.Identity dest) {
    TwainStructs.Status st = new TwainStructs.Status();
    st.write();
    short src =
        dsm.DSM_Entry(
            app,
            dest,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_STATUS,
            TwainLibrary.MSG_GET,
            st.getPointer());
    st.read();
    TwainCondition cc =
        src == TwainLibrary.TWRC_SUCCESS
            ? TwainCondition.of(st.ConditionCode & 0xffff)
            : TwainCondition.UNKNOWN;
    return new TwainException(
        "TWAIN could not "
            + what
            + " (state "
            + state
            + ", return code "
            + rc
            + ", condition TWCC_"
            + cc
            + ")",
        state,
        cc);
  }

  private void check(String what, short rc, TwainStructs.Identity dest) throws TwainException {
    if (rc != TwainLibrary.TWRC_SUCCESS) {
      throw failure(what, rc, dest);
    }
  }

  /** State 2 → 3: DAT_PARENT/MSG_OPENDSM, then the DSM's memory functions. */
  public void openDsm() throws TwainException {
    require(2);
    app.write();
    check(
        "open the Data Source Manager",
        call(
            null,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_PARENT,
            TwainLibrary.MSG_OPENDSM,
            parent),
        null);
    app.read();
    state = 3;
    if ((app.SupportedGroups & TwainLibrary.DF_DSM2) == 0) {
      throw new TwainException(
          "the TWAIN DSM is older than 2.0; install the 64-bit TWAIN DSM 2.x (TWAINDSM.dll)",
          state,
          TwainCondition.BADPROTOCOL);
    }
    entry = new TwainStructs.EntryPoint();
    entry.Size = entry.size();
    entry.write();
    check(
        "read the DSM entry points",
        call(
            null,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_ENTRYPOINT,
            TwainLibrary.MSG_GET,
            entry.getPointer()),
        null);
    entry.read();
  }

  /** The sources the DSM knows (state 3). */
  public List<TwainStructs.Identity> sources() throws TwainException {
    require(3, 4);
    List<TwainStructs.Identity> out = new ArrayList<>();
    TwainStructs.Identity id = new TwainStructs.Identity();
    short msg = TwainLibrary.MSG_GETFIRST;
    while (true) {
      id.write();
      short rc =
          call(null, TwainLibrary.DG_CONTROL, TwainLibrary.DAT_IDENTITY, msg, id.getPointer());
      if (rc == TwainLibrary.TWRC_ENDOFLIST) {
        return out;
      }
      check("list the TWAIN sources", rc, null);
      id.read();
      TwainStructs.Identity copy = new TwainStructs.Identity(id.getPointer());
      TwainStructs.Identity kept = new TwainStructs.Identity();
      kept.getPointer().write(0, copy.getPointer().getByteArray(0, copy.size()), 0, copy.size());
      kept.read();
      out.add(kept);
      msg = TwainLibrary.MSG_GETNEXT;
    }
  }

  /** State 3 → 4: opens the source with this product name and registers the callback. */
  public void openSource(String productName) throws TwainException {
    require(3);
    TwainStructs.Identity match = null;
    for (TwainStructs.Identity s : sources()) {
      if (s.productName().equals(productName)) {
        match = s;
      }
    }
    if (match == null) {
      throw new TwainException(
          "TWAIN source '" + productName + "' is not installed; check the scanner's TWAIN driver",
          state,
          TwainCondition.NODS);
    }
    match.write();
    check(
        "open the source " + productName,
        call(
            null,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_IDENTITY,
            TwainLibrary.MSG_OPENDS,
            match.getPointer()),
        null);
    match.read();
    source = match;
    state = 4;
    TwainStructs.Callback2 cb = new TwainStructs.Callback2();
    cb.CallBackProc = CallbackReference.getFunctionPointer(callback);
    cb.write();
    check(
        "register the callback",
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_CALLBACK2,
            TwainLibrary.MSG_REGISTER_CALLBACK,
            cb.getPointer()),
        source);
  }

  // ---- capabilities (state 4) ----

  /** A capability value as the source reported it. */
  public sealed interface CapValue {
    /** TW_ONEVALUE. */
    record One(int itemType, int item) implements CapValue {}

    /** TW_ENUMERATION. */
    record Enum(int itemType, List<Integer> items, int current) implements CapValue {}

    /** TW_RANGE. */
    record Range(int itemType, int min, int max, int step, int current) implements CapValue {}
  }

  private Pointer memAllocate(int size) {
    return Function.getFunction(entry.DSM_MemAllocate).invokePointer(new Object[] {size});
  }

  private void memFree(Pointer h) {
    Function.getFunction(entry.DSM_MemFree).invokeVoid(new Object[] {h});
  }

  private Pointer memLock(Pointer h) {
    return Function.getFunction(entry.DSM_MemLock).invokePointer(new Object[] {h});
  }

  private void memUnlock(Pointer h) {
    Function.getFunction(entry.DSM_MemUnlock).invokeVoid(new Object[] {h});
  }

  /** MSG_GET of a capability; the container is freed with DSM_MemFree. */
  public CapValue getCapability(short cap) throws TwainException {
    require(4, 5, 6, 7);
    TwainStructs.Capability c = new TwainStructs.Capability();
    c.Cap = cap;
    c.ConType = -1; // TWON_DONTCARE16
    c.write();
    check(
        "read capability 0x" + Integer.toHexString(cap & 0xffff),
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_CAPABILITY,
            TwainLibrary.MSG_GET,
            c.getPointer()),
        source);
    c.read();
    if (c.hContainer == null) {
      throw new TwainException(
          "the source returned no container for capability " + cap, state, TwainCondition.BADVALUE);
    }
    Pointer p = memLock(c.hContainer);
    try {
      return switch (c.ConType) {
        case TwainLibrary.TWON_ONEVALUE -> {
          TwainStructs.OneValue v = new TwainStructs.OneValue(p);
          yield new CapValue.One(v.ItemType, v.Item);
        }
        case TwainLibrary.TWON_RANGE -> {
          TwainStructs.Range r = new TwainStructs.Range(p);
          yield new CapValue.Range(r.ItemType, r.MinValue, r.MaxValue, r.StepSize, r.CurrentValue);
        }
        case TwainLibrary.TWON_ENUMERATION -> {
          TwainStructs.Enumeration e = new TwainStructs.Enumeration(p);
          int width = itemSize(e.ItemType);
          List<Integer> items = new ArrayList<>();
          for (int i = 0; i < e.NumItems; i++) {
            long off = TwainStructs.Enumeration.itemsOffset() + (long) i * width;
            items.add(width == 2 ? p.getShort(off) & 0xffff : p.getInt(off));
          }
          yield new CapValue.Enum(e.ItemType, items, e.CurrentIndex);
        }
        default ->
            throw new TwainException(
                "unsupported container type " + c.ConType + " for capability " + cap,
                state,
                TwainCondition.BADVALUE);
      };
    } finally {
      memUnlock(c.hContainer);
      memFree(c.hContainer);
    }
  }

  private static int itemSize(int itemType) {
    return switch (itemType) {
      case 0, 3 -> 1;
      case 1, 4, 6 -> 2;
      default -> 4;
    };
  }

  /** MSG_SET of a one-value capability (state 4). */
  public void setCapability(short cap, short itemType, int item) throws TwainException {
    require(4);
    Pointer h = memAllocate(new TwainStructs.OneValue().size());
    try {
      Pointer p = memLock(h);
      TwainStructs.OneValue v = new TwainStructs.OneValue(p);
      v.ItemType = itemType;
      v.Item = item;
      v.write();
      memUnlock(h);
      TwainStructs.Capability c = new TwainStructs.Capability();
      c.Cap = cap;
      c.ConType = TwainLibrary.TWON_ONEVALUE;
      c.hContainer = h;
      c.write();
      check(
          "set capability 0x" + Integer.toHexString(cap & 0xffff) + " to " + item,
          call(
              source,
              TwainLibrary.DG_CONTROL,
              TwainLibrary.DAT_CAPABILITY,
              TwainLibrary.MSG_SET,
              c.getPointer()),
          source);
    } finally {
      memFree(h);
    }
  }

  // ---- acquisition ----

  /** State 4 → 5: enable without user interface; the source will signal MSG_XFERREADY. */
  public void enable() throws TwainException {
    require(4);
    messages.clear();
    TwainStructs.UserInterface ui = new TwainStructs.UserInterface();
    ui.ShowUI = 0;
    ui.ModalUI = 0;
    ui.hParent = parent.getPointer(0);
    ui.write();
    check(
        "enable the source",
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_USERINTERFACE,
            TwainLibrary.MSG_ENABLEDS,
            ui.getPointer()),
        source);
    state = 5;
  }

  /**
   * State 5 → 6: waits for the source's MSG_XFERREADY (true) or MSG_CLOSEDSREQ (false); returns
   * false also when {@code stop} says so between polls.
   */
  public boolean awaitTransferReady(java.util.function.BooleanSupplier stop)
      throws InterruptedException {
    require(5);
    while (!stop.getAsBoolean()) {
      Short m = messages.poll(20, TimeUnit.MILLISECONDS);
      if (m == null) {
        continue;
      }
      if (m == TwainLibrary.MSG_XFERREADY) {
        state = 6;
        return true;
      }
      if (m == TwainLibrary.MSG_CLOSEDSREQ) {
        return false;
      }
    }
    return false;
  }

  /** The image about to be transferred (state 6). */
  public TwainStructs.ImageInfo imageInfo() throws TwainException {
    require(6);
    TwainStructs.ImageInfo ii = new TwainStructs.ImageInfo();
    ii.write();
    check(
        "read the image information",
        call(
            source,
            TwainLibrary.DG_IMAGE,
            TwainLibrary.DAT_IMAGEINFO,
            TwainLibrary.MSG_GET,
            ii.getPointer()),
        source);
    ii.read();
    return ii;
  }

  /** The source's preferred memory-transfer buffer size (state 4-6). */
  public int preferredBufferSize() throws TwainException {
    TwainStructs.SetupMemXfer s = new TwainStructs.SetupMemXfer();
    s.write();
    check(
        "read the memory transfer setup",
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_SETUPMEMXFER,
            TwainLibrary.MSG_GET,
            s.getPointer()),
        source);
    s.read();
    int pref = s.Preferred > 0 ? s.Preferred : s.MaxBufSize;
    return Math.max(Math.max(pref, s.MinBufSize), 1024);
  }

  /** One strip as the source wrote it. */
  public record Strip(int rc, int bytesPerRow, int rows, int yOffset, int bytesWritten) {}

  /** State 6/7: one DAT_IMAGEMEMXFER into {@code buf}; XFERDONE ends the image (state 7). */
  public Strip transferStrip(TwainStructs.ImageMemXfer x, Memory buf) throws TwainException {
    require(6, 7);
    x.Compression = -1;
    x.BytesPerRow = x.Columns = x.Rows = x.XOffset = x.YOffset = x.BytesWritten = -1;
    x.Memory.Flags = TwainLibrary.TWMF_APPOWNS | TwainLibrary.TWMF_POINTER;
    x.Memory.Length = (int) buf.size();
    x.Memory.TheMem = buf;
    x.write();
    short rc =
        call(
            source,
            TwainLibrary.DG_IMAGE,
            TwainLibrary.DAT_IMAGEMEMXFER,
            TwainLibrary.MSG_GET,
            x.getPointer());
    if (rc == TwainLibrary.TWRC_FAILURE) {
      throw failure("transfer image data", rc, source);
    }
    x.read();
    if (rc == TwainLibrary.TWRC_SUCCESS || rc == TwainLibrary.TWRC_XFERDONE) {
      state = 7;
    }
    return new Strip(rc, x.BytesPerRow, x.Rows, x.YOffset, x.BytesWritten);
  }

  /** State 7/6 → 6 or 5: ends the current transfer; returns the transfers still pending. */
  public int endTransfer() throws TwainException {
    require(6, 7);
    TwainStructs.PendingXfers p = new TwainStructs.PendingXfers();
    p.write();
    check(
        "end the transfer",
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_PENDINGXFERS,
            TwainLibrary.MSG_ENDXFER,
            p.getPointer()),
        source);
    p.read();
    int count = p.Count; // -1 (0xFFFF) means "unknown, more to come"
    state = count == 0 ? 5 : 6;
    return count;
  }

  /** State 6 → 5: discards all pending transfers (cancel). */
  public void resetTransfers() throws TwainException {
    require(6);
    TwainStructs.PendingXfers p = new TwainStructs.PendingXfers();
    p.write();
    check(
        "cancel the pending transfers",
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_PENDINGXFERS,
            TwainLibrary.MSG_RESET,
            p.getPointer()),
        source);
    state = 5;
  }

  /** State 5 → 4. */
  public void disable() throws TwainException {
    require(5);
    TwainStructs.UserInterface ui = new TwainStructs.UserInterface();
    ui.write();
    check(
        "disable the source",
        call(
            source,
            TwainLibrary.DG_CONTROL,
            TwainLibrary.DAT_USERINTERFACE,
            TwainLibrary.MSG_DISABLEDS,
            ui.getPointer()),
        source);
    state = 4;
  }

  /**
   * Walks back down to state 2 from wherever the session is (after errors too), ignoring failures
   * on the way: end/reset transfers, disable, close the source, close the DSM.
   */
  @Override
  public void close() {
    for (int attempt = 0; attempt < 2 && (state == 6 || state == 7); attempt++) {
      try {
        if (state == 7) {
          endTransfer();
        }
        if (state == 6) {
          resetTransfers();
        }
      } catch (TwainException | IllegalStateException e) {
        // try once more; a source may refuse the first end-of-transfer after an error
      }
    }
    if (state > 5) {
      state = 5;
    }
    try {
      if (state == 5) {
        disable();
      }
    } catch (TwainException e) {
      state = 4;
    }
    if (state == 4) {
      source.write();
      call(
          null,
          TwainLibrary.DG_CONTROL,
          TwainLibrary.DAT_IDENTITY,
          TwainLibrary.MSG_CLOSEDS,
          source.getPointer());
      state = 3;
    }
    if (state == 3) {
      call(
          null,
          TwainLibrary.DG_CONTROL,
          TwainLibrary.DAT_PARENT,
          TwainLibrary.MSG_CLOSEDSM,
          parent);
      state = 2;
    }
  }
}
