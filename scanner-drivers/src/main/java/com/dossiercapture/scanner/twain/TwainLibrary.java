package com.dossiercapture.scanner.twain;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * Raw JNA mapping of the TWAIN DSM's single entry point ({@code DSM_Entry}) and the constants the
 * driver uses, from {@code twain.h} 2.x. No logic: see {@link TwainSession}.
 */
public interface TwainLibrary extends Library {

  /**
   * {@code TW_UINT16 DSM_Entry(pTW_IDENTITY, pTW_IDENTITY, TW_UINT32, TW_UINT16, TW_UINT16,
   * TW_MEMREF)}.
   */
  short DSM_Entry(
      TwainStructs.Identity origin,
      TwainStructs.Identity dest,
      int dg,
      short dat,
      short msg,
      Pointer data);

  /** The application callback registered with DAT_CALLBACK2 (same shape as DSM_Entry). */
  interface DsmCallback extends Callback {
    short invoke(Pointer origin, Pointer dest, int dg, short dat, short msg, Pointer data);
  }

  int DG_CONTROL = 0x0001;
  int DG_IMAGE = 0x0002;
  int DF_DSM2 = 0x10000000;
  int DF_APP2 = 0x20000000;
  int DF_DS2 = 0x40000000;

  short DAT_NULL = 0x0000;
  short DAT_CAPABILITY = 0x0001;
  short DAT_EVENT = 0x0002;
  short DAT_IDENTITY = 0x0003;
  short DAT_PARENT = 0x0004;
  short DAT_PENDINGXFERS = 0x0005;
  short DAT_SETUPMEMXFER = 0x0006;
  short DAT_STATUS = 0x0008;
  short DAT_USERINTERFACE = 0x0009;
  short DAT_CALLBACK2 = 0x0012;
  short DAT_IMAGEINFO = 0x0101;
  short DAT_IMAGEMEMXFER = 0x0103;
  short DAT_ENTRYPOINT = 0x0403;

  short MSG_GET = 0x0001;
  short MSG_GETCURRENT = 0x0002;
  short MSG_GETFIRST = 0x0004;
  short MSG_GETNEXT = 0x0005;
  short MSG_SET = 0x0006;
  short MSG_RESET = 0x0007;
  short MSG_XFERREADY = 0x0101;
  short MSG_CLOSEDSREQ = 0x0102;
  short MSG_CLOSEDSOK = 0x0103;
  short MSG_DEVICEEVENT = 0x0104;
  short MSG_OPENDSM = 0x0301;
  short MSG_CLOSEDSM = 0x0302;
  short MSG_OPENDS = 0x0401;
  short MSG_CLOSEDS = 0x0402;
  short MSG_DISABLEDS = 0x0501;
  short MSG_ENABLEDS = 0x0502;
  short MSG_PROCESSEVENT = 0x0601;
  short MSG_ENDXFER = 0x0701;
  short MSG_REGISTER_CALLBACK = 0x0902;

  short TWON_ENUMERATION = 4;
  short TWON_ONEVALUE = 5;
  short TWON_RANGE = 6;

  short TWTY_INT16 = 0x0001;
  short TWTY_UINT16 = 0x0004;
  short TWTY_BOOL = 0x0006;
  short TWTY_FIX32 = 0x0007;

  short CAP_XFERCOUNT = 0x0001;
  short ICAP_PIXELTYPE = 0x0101;
  short ICAP_XFERMECH = 0x0103;
  short CAP_FEEDERENABLED = 0x1002;
  short CAP_DUPLEX = 0x1012;
  short CAP_DUPLEXENABLED = 0x1013;
  short ICAP_XRESOLUTION = 0x1118;
  short ICAP_YRESOLUTION = 0x1119;

  int TWPT_BW = 0;
  int TWPT_GRAY = 1;
  int TWPT_RGB = 2;
  int TWSX_MEMORY = 2;

  int TWMF_APPOWNS = 0x0001;
  int TWMF_POINTER = 0x0008;

  short TWRC_SUCCESS = 0;
  short TWRC_FAILURE = 1;
  short TWRC_CHECKSTATUS = 2;
  short TWRC_CANCEL = 3;
  short TWRC_DSEVENT = 4;
  short TWRC_NOTDSEVENT = 5;
  short TWRC_XFERDONE = 6;
  short TWRC_ENDOFLIST = 7;
}
