package com.dossiercapture.scanner;

/** The operator's answer to a fault. */
public enum FaultAction {
  /** The operator cleared the fault and reloaded the paper: continue the session. */
  RESUME,
  /** End the session; pages delivered so far are kept. */
  STOP
}
