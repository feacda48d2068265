package com.dossiercapture.staging;

/** What a new batch is: see {@link Batch}. */
public record BatchSpec(
    Long dossierId,
    String operator,
    String workstation,
    String scannerProfile,
    Integer expectedSheets) {

  public BatchSpec {
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("a batch needs an operator");
    }
    if (workstation == null || workstation.isBlank()) {
      throw new IllegalArgumentException("a batch needs a workstation name");
    }
    if (expectedSheets != null && expectedSheets < 0) {
      throw new IllegalArgumentException("expected sheets cannot be negative");
    }
  }

  /** A batch with only an operator and this machine's name. */
  public static BatchSpec of(String operator) {
    return new BatchSpec(null, operator, hostName(), null, null);
  }

  /** This machine's name, for the workstation field. */
  public static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        h = "workstation";
      }
    }
    return h;
  }
}
