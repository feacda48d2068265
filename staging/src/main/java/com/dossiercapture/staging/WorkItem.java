package com.dossiercapture.staging;

/** A queued unit of processing (e.g. "process page 17"), claimed by one worker at a time. */
public record WorkItem(long id, String kind, Long pageId, int attempts) {}
