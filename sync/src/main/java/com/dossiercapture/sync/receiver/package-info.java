/**
 * The reference receiver: a small HTTP server (JDK {@code com.sun.net.httpserver}) that implements
 * the central case system contract on disk, with fault injection, for tests, demos and for a
 * court's IT department to compare its own endpoint against.
 */
package com.dossiercapture.sync.receiver;
