/**
 * The wire contract shared by the sync client and the reference receiver: paths, headers and the
 * machine-readable error codes of {@code openapi/central-case-system.yaml}.
 */
package com.dossiercapture.sync.api;
