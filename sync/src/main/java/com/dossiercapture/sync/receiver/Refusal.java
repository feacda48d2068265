package com.dossiercapture.sync.receiver;

import com.dossiercapture.sync.api.ErrorCode;
import java.util.List;

/** A request the receiver refuses, with the HTTP status and code it answers. */
final class Refusal extends Exception {

  private final int status;
  private final ErrorCode code;
  private final transient List<String> problems;

  Refusal(int status, ErrorCode code, String detail) {
    this(status, code, detail, List.of());
  }

  Refusal(int status, ErrorCode code, String detail, List<String> problems) {
    super(detail);
    this.status = status;
    this.code = code;
    this.problems = List.copyOf(problems);
  }

  int status() {
    return status;
  }

  ErrorCode code() {
    return code;
  }

  List<String> problems() {
    return problems;
  }
}
