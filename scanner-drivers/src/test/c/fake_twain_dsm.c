/*
 * A fake TWAIN Data Source Manager with one built-in data source, for testing the TWAIN driver on
 * Linux. It exports DSM_Entry with the real TWAIN 2.x binary interface (structures packed to 2
 * bytes as twain.h does on Windows and Linux), keeps the TWAIN state machine (states 2-7, sequence
 * errors for calls in the wrong state), negotiates capabilities through one-value, enumeration and
 * range containers allocated with its DSM_MemAllocate entry point, signals MSG_XFERREADY through
 * the registered DAT_CALLBACK2 from its own thread, and transfers images in memory strips.
 * Faults are injected with fake_configure(). Written for Dossier Capture's tests; not from twain.h.
 * Build: gcc -shared -fPIC -O1 -pthread -o libfaketwaindsm.so fake_twain_dsm.c
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <unistd.h>

typedef uint16_t TW_UINT16;
typedef int16_t TW_INT16;
typedef uint32_t TW_UINT32;
typedef int32_t TW_INT32;
typedef void *TW_HANDLE;
typedef void *TW_MEMREF;
typedef uintptr_t TW_UINTPTR;
typedef char TW_STR32[34];

#pragma pack(push, 2)
typedef struct { TW_INT16 Whole; TW_UINT16 Frac; } TW_FIX32;
typedef struct { TW_UINT16 MajorNum, MinorNum, Language, Country; TW_STR32 Info; } TW_VERSION;
typedef struct {
  TW_UINT32 Id; TW_VERSION Version; TW_UINT16 ProtocolMajor, ProtocolMinor;
  TW_UINT32 SupportedGroups; TW_STR32 Manufacturer, ProductFamily, ProductName;
} TW_IDENTITY;
typedef struct { TW_UINT16 ShowUI, ModalUI; TW_HANDLE hParent; } TW_USERINTERFACE;
typedef struct { TW_UINT16 Cap, ConType; TW_HANDLE hContainer; } TW_CAPABILITY;
typedef struct { TW_UINT16 ItemType; TW_UINT32 Item; } TW_ONEVALUE;
typedef struct { TW_UINT16 ItemType; TW_UINT32 MinValue, MaxValue, StepSize, DefaultValue, CurrentValue; } TW_RANGE;
typedef struct { TW_UINT16 ItemType; TW_UINT32 NumItems, CurrentIndex, DefaultIndex; uint8_t ItemList[1]; } TW_ENUMERATION;
typedef struct {
  TW_FIX32 XResolution, YResolution; TW_INT32 ImageWidth, ImageLength; TW_INT16 SamplesPerPixel;
  TW_INT16 BitsPerSample[8]; TW_INT16 BitsPerPixel; TW_UINT16 Planar; TW_INT16 PixelType;
  TW_UINT16 Compression;
} TW_IMAGEINFO;
typedef struct { TW_UINT32 MinBufSize, MaxBufSize, Preferred; } TW_SETUPMEMXFER;
typedef struct { TW_UINT32 Flags, Length; TW_MEMREF TheMem; } TW_MEMORY;
typedef struct {
  TW_UINT16 Compression; TW_UINT32 BytesPerRow, Columns, Rows, XOffset, YOffset, BytesWritten;
  TW_MEMORY Memory;
} TW_IMAGEMEMXFER;
typedef struct { TW_UINT16 Count; TW_UINT32 EOJ; } TW_PENDINGXFERS;
typedef struct { TW_MEMREF pEvent; TW_UINT16 TWMessage; } TW_EVENT;
typedef struct { TW_UINT16 ConditionCode; TW_UINT16 Data; } TW_STATUS;
typedef struct { TW_MEMREF CallBackProc; TW_UINTPTR RefCon; TW_INT16 Message; } TW_CALLBACK2;
typedef struct { TW_UINT32 Size; void *DSM_Entry, *DSM_MemAllocate, *DSM_MemFree, *DSM_MemLock, *DSM_MemUnlock; } TW_ENTRYPOINT;
#pragma pack(pop)

typedef TW_UINT16 (*CALLBACK2)(TW_IDENTITY *, TW_IDENTITY *, TW_UINT32, TW_UINT16, TW_UINT16, TW_MEMREF);

enum { RC_SUCCESS = 0, RC_FAILURE = 1, RC_CANCEL = 3, RC_XFERDONE = 6, RC_ENDOFLIST = 7 };
enum { CC_SUCCESS = 0, CC_BUMMER = 1, CC_NODS = 3, CC_OPERATIONERROR = 5, CC_BADCAP = 6,
       CC_BADPROTOCOL = 9, CC_BADVALUE = 10, CC_SEQERROR = 11, CC_BADDEST = 12,
       CC_CAPUNSUPPORTED = 13, CC_PAPERJAM = 20, CC_PAPERDOUBLEFEED = 21, CC_NOMEDIA = 29 };
#define DG_CONTROL 1
#define DG_IMAGE 2
#define DF_DSM2 0x10000000
#define DF_DS2 0x40000000

static int state = 1;              /* 1 before first call; 2 loaded; 3 DSM open; 4 DS open ... */
static TW_UINT16 cc = CC_SUCCESS;
static CALLBACK2 callback;
static TW_IDENTITY app_id, ds_id;
static int list_pos;

/* capabilities */
static TW_INT32 xfercount = -1;
static int feeder = 0, duplex = 0, pixeltype = 1, xfermech = 0, resolution = 100;

/* documents */
static int cfg_sheets = 3, cfg_width100 = 200, cfg_height100 = 300;
static int cfg_fail_opendsm, cfg_fail_opends, cfg_fail_setcap, cfg_fail_enable_cc;
static int cfg_fail_at_page, cfg_fail_cc = CC_PAPERJAM, cfg_fail_endxfer;
static int pages_done, pending, row, fault_fired, page_failed;

int fake_configure(const char *key, int value) {
#define K(name, var) if (!strcmp(key, name)) { var = value; return 0; }
  K("sheets", cfg_sheets) K("width100", cfg_width100) K("height100", cfg_height100)
  K("fail_opendsm", cfg_fail_opendsm) K("fail_opends", cfg_fail_opends)
  K("fail_setcap", cfg_fail_setcap) K("fail_enable_cc", cfg_fail_enable_cc)
  K("fail_at_page", cfg_fail_at_page) K("fail_cc", cfg_fail_cc) K("fail_endxfer", cfg_fail_endxfer)
#undef K
  if (!strcmp(key, "reset")) {
    state = 1; cc = 0; callback = 0; xfercount = -1; feeder = duplex = 0; pixeltype = 1;
    xfermech = 0; resolution = 100; cfg_sheets = 3; cfg_width100 = 200; cfg_height100 = 300;
    cfg_fail_opendsm = cfg_fail_opends = cfg_fail_setcap = cfg_fail_enable_cc = 0;
    cfg_fail_at_page = 0; cfg_fail_cc = CC_PAPERJAM; cfg_fail_endxfer = 0;
    pages_done = pending = row = fault_fired = page_failed = 0;
    return 0;
  }
  return -1;
}

int fake_state(void) { return state; }

/* sizeof and offsets as this compiler lays them out, for the Java layout test */
long fake_layout(const char *what) {
#define S(t) if (!strcmp(what, #t)) return (long) sizeof(t);
#define O(t, f) if (!strcmp(what, #t "." #f)) return (long) offsetof(t, f);
  S(TW_FIX32) S(TW_VERSION) S(TW_IDENTITY) S(TW_USERINTERFACE) S(TW_CAPABILITY) S(TW_ONEVALUE)
  S(TW_RANGE) S(TW_ENUMERATION) S(TW_IMAGEINFO) S(TW_SETUPMEMXFER) S(TW_MEMORY) S(TW_IMAGEMEMXFER)
  S(TW_PENDINGXFERS) S(TW_EVENT) S(TW_STATUS) S(TW_CALLBACK2) S(TW_ENTRYPOINT)
  O(TW_IDENTITY, Version) O(TW_IDENTITY, ProtocolMajor) O(TW_IDENTITY, SupportedGroups)
  O(TW_IDENTITY, Manufacturer) O(TW_IDENTITY, ProductName) O(TW_USERINTERFACE, hParent)
  O(TW_CAPABILITY, hContainer) O(TW_ONEVALUE, Item) O(TW_RANGE, CurrentValue)
  O(TW_ENUMERATION, ItemList) O(TW_IMAGEINFO, ImageWidth) O(TW_IMAGEINFO, BitsPerPixel)
  O(TW_IMAGEINFO, PixelType) O(TW_IMAGEMEMXFER, BytesPerRow) O(TW_IMAGEMEMXFER, Memory)
  O(TW_MEMORY, TheMem) O(TW_PENDINGXFERS, EOJ) O(TW_EVENT, TWMessage) O(TW_CALLBACK2, RefCon)
  O(TW_CALLBACK2, Message) O(TW_ENTRYPOINT, DSM_MemAllocate)
#undef S
#undef O
  return -1;
}

/* DSM memory entry points: plain malloc, a handle is its own pointer */
static TW_HANDLE mem_alloc(TW_UINT32 size) { return calloc(1, size ? size : 1); }
static void mem_free(TW_HANDLE h) { free(h); }
static TW_MEMREF mem_lock(TW_HANDLE h) { return h; }
static void mem_unlock(TW_HANDLE h) { (void) h; }
static int live_containers;
int fake_live_containers(void) { return live_containers; }
static TW_HANDLE cont_alloc(TW_UINT32 size) { live_containers++; return mem_alloc(size); }

TW_UINT16 DSM_Entry(TW_IDENTITY *origin, TW_IDENTITY *dest, TW_UINT32 dg, TW_UINT16 dat,
                    TW_UINT16 msg, TW_MEMREF data);

static TW_UINT16 fail(TW_UINT16 code) { cc = code; return RC_FAILURE; }
#define NEED(cond) do { if (!(cond)) return fail(CC_SEQERROR); } while (0)

static int total_pages(void) { return cfg_sheets * (duplex ? 2 : 1); }
static int width_px(void) { return cfg_width100 * resolution / 100; }
static int height_px(void) { return cfg_height100 * resolution / 100; }
static int bytes_per_row(void) {
  int w = width_px();
  return pixeltype == 0 ? (w + 7) / 8 : pixeltype == 1 ? w : 3 * w;
}

static void *xferready_thread(void *arg) {
  (void) arg;
  usleep(2000);
  state = 6;
  if (callback) callback(&ds_id, &app_id, DG_CONTROL, 0 /* DAT_NULL */, 0x0101 /* XFERREADY */, 0);
  return 0;
}

static TW_UINT16 capability(TW_UINT16 msg, TW_CAPABILITY *cap) {
  NEED(state >= 4);
  int *target = 0;
  int item_type = 4; /* UINT16 */
  switch (cap->Cap) {
    case 0x0001: item_type = 2; break;                        /* CAP_XFERCOUNT, INT16 */
    case 0x1002: target = &feeder; item_type = 6; break;      /* CAP_FEEDERENABLED, BOOL */
    case 0x1013: target = &duplex; item_type = 6; break;      /* CAP_DUPLEXENABLED */
    case 0x1012: break;                                       /* CAP_DUPLEX, read-only */
    case 0x0101: target = &pixeltype; break;                  /* ICAP_PIXELTYPE */
    case 0x0103: target = &xfermech; break;                   /* ICAP_XFERMECH */
    case 0x1118: case 0x1119: target = &resolution; item_type = 7; break; /* X/YRESOLUTION FIX32 */
    default: return fail(CC_CAPUNSUPPORTED);
  }
  if (msg == 0x0006) { /* MSG_SET */
    NEED(state == 4);
    if (cap->Cap == cfg_fail_setcap) return fail(CC_BADVALUE);
    if (cap->ConType != 5 || !cap->hContainer) return fail(CC_BADVALUE);
    TW_ONEVALUE *ov = (TW_ONEVALUE *) mem_lock(cap->hContainer);
    if (cap->Cap == 0x0001) { xfercount = (TW_INT16) ov->Item; return RC_SUCCESS; }
    if (!target) return fail(CC_BADVALUE);
    if (item_type == 7) {
      TW_FIX32 f; memcpy(&f, &ov->Item, 4);
      if (f.Whole < 50 || f.Whole > 600) return fail(CC_BADVALUE);
      resolution = f.Whole;
    } else {
      int v = (int) (ov->Item & 0xffff);
      if (cap->Cap == 0x0101 && v > 2) return fail(CC_BADVALUE);
      if (cap->Cap == 0x0103 && v != 0 && v != 2) return fail(CC_BADVALUE);
      *target = v;
    }
    return RC_SUCCESS;
  }
  if (msg != 0x0001 && msg != 0x0002) return fail(CC_BADPROTOCOL); /* GET, GETCURRENT */
  if (cap->Cap == 0x0101 && msg == 0x0001) { /* enumeration of pixel types */
    TW_ENUMERATION *e = cont_alloc(sizeof(TW_ENUMERATION) + 3 * 2);
    e->ItemType = 4; e->NumItems = 3; e->CurrentIndex = pixeltype; e->DefaultIndex = 1;
    TW_UINT16 v[3] = {0, 1, 2};
    memcpy(e->ItemList, v, sizeof v);
    cap->ConType = 4; cap->hContainer = e;
    return RC_SUCCESS;
  }
  if (cap->Cap == 0x1118 && msg == 0x0001) { /* range of resolutions 50..600 step 1 */
    TW_RANGE *r = cont_alloc(sizeof(TW_RANGE));
    TW_FIX32 lo = {50, 0}, hi = {600, 0}, st = {1, 0}, df = {100, 0}, cu = {(TW_INT16) resolution, 0};
    r->ItemType = 7;
    memcpy(&r->MinValue, &lo, 4); memcpy(&r->MaxValue, &hi, 4); memcpy(&r->StepSize, &st, 4);
    memcpy(&r->DefaultValue, &df, 4); memcpy(&r->CurrentValue, &cu, 4);
    cap->ConType = 6; cap->hContainer = r;
    return RC_SUCCESS;
  }
  TW_ONEVALUE *ov = cont_alloc(sizeof(TW_ONEVALUE));
  ov->ItemType = item_type;
  if (cap->Cap == 0x1012) ov->Item = 1; /* TWDX_1PASSDUPLEX */
  else if (cap->Cap == 0x0001) ov->Item = (TW_UINT16) xfercount;
  else if (item_type == 7) { TW_FIX32 f = {(TW_INT16) resolution, 0}; memcpy(&ov->Item, &f, 4); }
  else ov->Item = *target;
  cap->ConType = 5; cap->hContainer = ov;
  return RC_SUCCESS;
}

static TW_UINT16 memxfer(TW_IMAGEMEMXFER *x) {
  NEED(state == 6 || state == 7);
  int page = pages_done; /* 0-based page in the feeder */
  if (cfg_fail_at_page && page + 1 == cfg_fail_at_page && !fault_fired && row > 0) {
    fault_fired = 1; page_failed = 1;
    if (duplex && (page % 2) == 1) pages_done--; /* the whole sheet must be fed again */
    return fail((TW_UINT16) cfg_fail_cc); /* mid-page: after the first strip */
  }
  int bpr = bytes_per_row(), h = height_px(), w = width_px();
  if (!x->Memory.TheMem || x->Memory.Length < (TW_UINT32) bpr) return fail(CC_BADVALUE);
  int rows = (int) (x->Memory.Length / bpr);
  if (rows > h - row) rows = h - row;
  uint8_t *out = (uint8_t *) x->Memory.TheMem;
  for (int r = 0; r < rows; r++) {
    int y = row + r;
    uint8_t *line = out + r * bpr;
    for (int i = 0; i < bpr; i++) {
      if (pixeltype == 0) line[i] = ((i + y / 8 + page) & 1) ? 0xff : 0x00;
      else if (pixeltype == 1) line[i] = (uint8_t) (page * 37 + y * 3 + i);
      else { int px = i / 3, c = i % 3; line[i] = (uint8_t) (c == 0 ? page * 37 + px : c == 1 ? y : page * 11); }
    }
  }
  (void) w;
  x->Compression = 0; x->BytesPerRow = bpr; x->Columns = w; x->Rows = rows; x->XOffset = 0;
  x->YOffset = row; x->BytesWritten = rows * bpr;
  row += rows;
  state = 7;
  return row >= h ? RC_XFERDONE : RC_SUCCESS;
}

TW_UINT16 DSM_Entry(TW_IDENTITY *origin, TW_IDENTITY *dest, TW_UINT32 dg, TW_UINT16 dat,
                    TW_UINT16 msg, TW_MEMREF data) {
  if (state == 1) state = 2;
  if (!origin) return fail(CC_BADPROTOCOL);
  if (dg == DG_CONTROL && dat == 0x0008 /* DAT_STATUS */) {
    ((TW_STATUS *) data)->ConditionCode = cc; ((TW_STATUS *) data)->Data = 0; cc = 0;
    return RC_SUCCESS;
  }
  cc = CC_SUCCESS;
  if (dg == DG_CONTROL && dat == 0x0004) { /* DAT_PARENT */
    if (msg == 0x0301) { NEED(state == 2); if (cfg_fail_opendsm) return fail(CC_BUMMER);
      origin->Id = 1; origin->SupportedGroups |= DF_DSM2; app_id = *origin; state = 3; return RC_SUCCESS; }
    if (msg == 0x0302) { NEED(state == 3); state = 2; return RC_SUCCESS; }
    return fail(CC_BADPROTOCOL);
  }
  if (dg == DG_CONTROL && dat == 0x0403 && msg == 0x0001) { /* DAT_ENTRYPOINT MSG_GET */
    NEED(state >= 3);
    TW_ENTRYPOINT *ep = data;
    ep->DSM_Entry = (void *) DSM_Entry; ep->DSM_MemAllocate = (void *) mem_alloc;
    ep->DSM_MemFree = (void *) mem_free; ep->DSM_MemLock = (void *) mem_lock; ep->DSM_MemUnlock = (void *) mem_unlock;
    return RC_SUCCESS;
  }
  if (dg == DG_CONTROL && dat == 0x0003) { /* DAT_IDENTITY */
    TW_IDENTITY *id = data;
    if (msg == 0x0004 || msg == 0x0005) { /* GETFIRST / GETNEXT */
      NEED(state >= 3);
      if (msg == 0x0004) list_pos = 0;
      if (list_pos++ > 0) return RC_ENDOFLIST;
      memset(id, 0, sizeof *id);
      id->Id = 7; id->Version.MajorNum = 1; strcpy(id->Version.Info, "fake 1.0");
      id->ProtocolMajor = 2; id->ProtocolMinor = 4; id->SupportedGroups = DG_CONTROL | DG_IMAGE | DF_DS2;
      strcpy(id->Manufacturer, "Dossier Capture Test"); strcpy(id->ProductFamily, "Fake");
      strcpy(id->ProductName, "Fake Duplex Scanner");
      return RC_SUCCESS;
    }
    if (msg == 0x0401) { NEED(state == 3); if (cfg_fail_opends) return fail(CC_NODS);
      if (strcmp(id->ProductName, "Fake Duplex Scanner")) return fail(CC_NODS);
      id->Id = 7; ds_id = *id; state = 4; return RC_SUCCESS; }
    if (msg == 0x0402) { NEED(state == 4); state = 3; callback = 0; return RC_SUCCESS; }
    return fail(CC_BADPROTOCOL);
  }
  if (dest == 0 || dest->Id != 7) return fail(CC_BADDEST);
  if (dg == DG_CONTROL && dat == 0x0012 && msg == 0x0902) { /* DAT_CALLBACK2 REGISTER */
    NEED(state == 4);
    callback = (CALLBACK2) ((TW_CALLBACK2 *) data)->CallBackProc;
    return RC_SUCCESS;
  }
  if (dg == DG_CONTROL && dat == 0x0001) return capability(msg, (TW_CAPABILITY *) data);
  if (dg == DG_CONTROL && dat == 0x0009) { /* DAT_USERINTERFACE */
    if (msg == 0x0502) { /* ENABLEDS */
      NEED(state == 4);
      if (cfg_fail_enable_cc) return fail((TW_UINT16) cfg_fail_enable_cc);
      if (feeder && pages_done >= total_pages()) return fail(CC_NOMEDIA);
      if (xfermech != 2) return fail(CC_SEQERROR); /* this source only does memory transfer */
      state = 5; pending = total_pages() - pages_done; row = 0; page_failed = 0;
      pthread_t t; pthread_create(&t, 0, xferready_thread, 0); pthread_detach(t);
      return RC_SUCCESS;
    }
    if (msg == 0x0501) { NEED(state == 5); state = 4; return RC_SUCCESS; } /* DISABLEDS */
    return fail(CC_BADPROTOCOL);
  }
  if (dg == DG_CONTROL && dat == 0x0006 && msg == 0x0001) { /* SETUPMEMXFER */
    NEED(state >= 4 && state <= 6);
    TW_SETUPMEMXFER *s = data; s->MinBufSize = 256; s->MaxBufSize = 65536; s->Preferred = 4096;
    return RC_SUCCESS;
  }
  if (dg == DG_IMAGE && dat == 0x0101 && msg == 0x0001) { /* IMAGEINFO */
    NEED(state == 6);
    TW_IMAGEINFO *ii = data; memset(ii, 0, sizeof *ii);
    ii->XResolution.Whole = ii->YResolution.Whole = (TW_INT16) resolution;
    ii->ImageWidth = width_px(); ii->ImageLength = height_px();
    ii->SamplesPerPixel = pixeltype == 2 ? 3 : 1;
    for (int i = 0; i < ii->SamplesPerPixel; i++) ii->BitsPerSample[i] = pixeltype == 0 ? 1 : 8;
    ii->BitsPerPixel = pixeltype == 0 ? 1 : pixeltype == 1 ? 8 : 24;
    ii->PixelType = (TW_INT16) pixeltype; ii->Compression = 0;
    return RC_SUCCESS;
  }
  if (dg == DG_IMAGE && dat == 0x0103 && msg == 0x0001) return memxfer((TW_IMAGEMEMXFER *) data);
  if (dg == DG_CONTROL && dat == 0x0005) { /* PENDINGXFERS */
    TW_PENDINGXFERS *p = data;
    if (msg == 0x0701) { /* ENDXFER */
      NEED(state == 6 || state == 7);
      if (cfg_fail_endxfer) { cfg_fail_endxfer = 0; return fail(CC_OPERATIONERROR); } /* transient */
      if (page_failed) { pending = 0; } /* the feeder stopped on the fault; page not done */
      else { pages_done++; pending--; }
      row = 0; page_failed = 0;
      p->Count = (TW_UINT16) pending; p->EOJ = 0;
      state = pending > 0 ? 6 : 5;
      return RC_SUCCESS;
    }
    if (msg == 0x0007) { NEED(state == 6); pending = 0; row = 0; p->Count = 0; state = 5; return RC_SUCCESS; } /* RESET */
    return fail(CC_BADPROTOCOL);
  }
  return fail(CC_BADPROTOCOL);
}
