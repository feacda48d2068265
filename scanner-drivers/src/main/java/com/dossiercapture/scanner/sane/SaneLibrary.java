package com.dossiercapture.scanner.sane;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * Raw JNA mapping of {@code sane.h} (SANE 1.0 API), one method per C function, no logic. Call
 * through {@link SaneRuntime} and {@link SaneHandle}, which turn statuses into exceptions and free
 * native memory.
 */
public interface SaneLibrary extends Library {

  /** {@code SANE_Status sane_init(SANE_Int *version_code, SANE_Auth_Callback authorize)}. */
  int sane_init(IntByReference versionCode, Pointer authorize);

  /** {@code void sane_exit(void)}. */
  void sane_exit();

  /** {@code SANE_Status sane_get_devices(const SANE_Device ***device_list, SANE_Bool local)}. */
  int sane_get_devices(PointerByReference deviceList, int localOnly);

  /** {@code SANE_Status sane_open(SANE_String_Const name, SANE_Handle *h)}. */
  int sane_open(String name, PointerByReference handle);

  /** {@code void sane_close(SANE_Handle h)}. */
  void sane_close(Pointer handle);

  /** {@code const SANE_Option_Descriptor *sane_get_option_descriptor(SANE_Handle, SANE_Int)}. */
  Pointer sane_get_option_descriptor(Pointer handle, int option);

  /**
   * {@code SANE_Status sane_control_option(SANE_Handle, SANE_Int, SANE_Action, void*, SANE_Int*)}.
   */
  int sane_control_option(
      Pointer handle, int option, int action, Pointer value, IntByReference info);

  /** {@code SANE_Status sane_get_parameters(SANE_Handle h, SANE_Parameters *p)}. */
  int sane_get_parameters(Pointer handle, SaneStructs.Parameters params);

  /** {@code SANE_Status sane_start(SANE_Handle h)}. */
  int sane_start(Pointer handle);

  /**
   * {@code SANE_Status sane_read(SANE_Handle h, SANE_Byte *buf, SANE_Int maxlen, SANE_Int *len)}.
   */
  int sane_read(Pointer handle, Pointer data, int maxLength, IntByReference length);

  /** {@code void sane_cancel(SANE_Handle h)}. */
  void sane_cancel(Pointer handle);

  /** {@code SANE_Status sane_set_io_mode(SANE_Handle h, SANE_Bool non_blocking)}. */
  int sane_set_io_mode(Pointer handle, int nonBlocking);

  /** {@code SANE_Status sane_get_select_fd(SANE_Handle h, SANE_Int *fd)}. */
  int sane_get_select_fd(Pointer handle, IntByReference fd);

  /** {@code SANE_String_Const sane_strstatus(SANE_Status status)}. */
  String sane_strstatus(int status);

  // ---- constants from sane.h ----

  int TYPE_BOOL = 0;
  int TYPE_INT = 1;
  int TYPE_FIXED = 2;
  int TYPE_STRING = 3;
  int TYPE_BUTTON = 4;
  int TYPE_GROUP = 5;

  int UNIT_NONE = 0;
  int UNIT_PIXEL = 1;
  int UNIT_BIT = 2;
  int UNIT_MM = 3;
  int UNIT_DPI = 4;
  int UNIT_PERCENT = 5;
  int UNIT_MICROSECOND = 6;

  int CAP_SOFT_SELECT = 1;
  int CAP_HARD_SELECT = 2;
  int CAP_SOFT_DETECT = 4;
  int CAP_EMULATED = 8;
  int CAP_AUTOMATIC = 16;
  int CAP_INACTIVE = 32;
  int CAP_ADVANCED = 64;

  int CONSTRAINT_NONE = 0;
  int CONSTRAINT_RANGE = 1;
  int CONSTRAINT_WORD_LIST = 2;
  int CONSTRAINT_STRING_LIST = 3;

  int ACTION_GET_VALUE = 0;
  int ACTION_SET_VALUE = 1;
  int ACTION_SET_AUTO = 2;

  int INFO_INEXACT = 1;
  int INFO_RELOAD_OPTIONS = 2;
  int INFO_RELOAD_PARAMS = 4;

  int FRAME_GRAY = 0;
  int FRAME_RGB = 1;
  int FRAME_RED = 2;
  int FRAME_GREEN = 3;
  int FRAME_BLUE = 4;

  /** {@code SANE_FIXED_SCALE_SHIFT}: fixed-point values are value * 65536. */
  int FIXED_SCALE_SHIFT = 16;
}
