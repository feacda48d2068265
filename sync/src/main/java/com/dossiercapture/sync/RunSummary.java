package com.dossiercapture.sync;

import java.util.List;

/**
 * What one pass over the outbox did.
 *
 * @param sent versions the server confirmed
 * @param retrying versions that failed for now and will be tried again
 * @param rejected versions the server (or a local check) rejected
 * @param pagesUploaded pages sent in this pass
 * @param bytesUploaded their bytes
 * @param messages one line per failure, for the operator
 */
public record RunSummary(
    int sent,
    int retrying,
    int rejected,
    int pagesUploaded,
    long bytesUploaded,
    List<String> messages) {}
