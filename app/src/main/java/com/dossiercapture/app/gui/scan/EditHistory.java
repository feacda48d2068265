package com.dossiercapture.app.gui.scan;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The operator's undo/redo stack for page edits (delete, rotate, reorder, insert, replace). Every
 * edit is a store operation with its inverse; both run on the station's store thread, never on the
 * FX thread. Not thread-safe: one thread uses it.
 */
final class EditHistory {

  /** One undoable edit. */
  interface Edit {
    void apply();

    void undo();
  }

  private static final int LIMIT = 200;

  private final Deque<Edit> done = new ArrayDeque<>();
  private final Deque<Edit> undone = new ArrayDeque<>();

  /** Applies an edit and remembers it. */
  void run(Edit e) {
    e.apply();
    record(e);
  }

  /** Remembers an edit that was applied already (e.g. a rescan that replaced a page). */
  void record(Edit e) {
    done.push(e);
    undone.clear();
    while (done.size() > LIMIT) {
      done.removeLast();
    }
  }

  /** Undoes the newest edit; false when there is none. */
  boolean undo() {
    Edit e = done.poll();
    if (e == null) {
      return false;
    }
    e.undo();
    undone.push(e);
    return true;
  }

  /** Re-applies the newest undone edit; false when there is none. */
  boolean redo() {
    Edit e = undone.poll();
    if (e == null) {
      return false;
    }
    e.apply();
    done.push(e);
    return true;
  }

  boolean canUndo() {
    return !done.isEmpty();
  }

  boolean canRedo() {
    return !undone.isEmpty();
  }

  void clear() {
    done.clear();
    undone.clear();
  }
}
