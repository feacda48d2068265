package com.dossiercapture.sync.api;

import java.util.regex.Pattern;

/**
 * Paths, headers and limits of the central case system contract, version 1 (see {@code
 * openapi/central-case-system.yaml} in this module).
 */
public final class Api {

  private Api() {}

  /** Prefix of every path. */
  public static final String BASE = "/api/v1";

  /** GET: is the service up. */
  public static final String HEALTH = BASE + "/health";

  /** PUT {@code /api/v1/pages/{sha256}}: upload a page image named by its hash. */
  public static final String PAGES = BASE + "/pages";

  /** POST: which of these page hashes does the server hold. */
  public static final String PAGE_QUERY = BASE + "/page-queries";

  /** {@code /api/v1/cases/{caseNumber}/versions/{version}}: GET status, PUT manifest. */
  public static final String CASES = BASE + "/cases";

  /** OAuth2 token endpoint of the reference receiver (client credentials grant). */
  public static final String TOKEN = "/oauth/token";

  /** Header naming the effect a request has, the same on every retry. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Media type of structured errors (RFC 9457). */
  public static final String PROBLEM_JSON = "application/problem+json";

  /** Most hashes one page query may carry. */
  public static final int MAX_QUERY_HASHES = 1000;

  /** A lower-case hex SHA-256. */
  public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
}
