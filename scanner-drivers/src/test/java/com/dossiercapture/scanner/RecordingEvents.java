package com.dossiercapture.scanner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Test receiver that records pages, events and faults, answering faults through a function. */
public class RecordingEvents implements ScanEvents {

  public final List<ScannedPage> pages = new CopyOnWriteArrayList<>();
  public final List<ScanEvent> events = new CopyOnWriteArrayList<>();
  public final List<ScanFault> faults = new CopyOnWriteArrayList<>();
  private final Function<ScanFault, FaultAction> onFault;

  public RecordingEvents() {
    this(f -> FaultAction.STOP);
  }

  public RecordingEvents(Function<ScanFault, FaultAction> onFault) {
    this.onFault = onFault;
  }

  @Override
  public void page(ScannedPage page) throws Exception {
    pages.add(page);
  }

  @Override
  public void event(ScanEvent event) {
    events.add(event);
  }

  @Override
  public FaultAction fault(ScanFault fault) {
    faults.add(fault);
    return onFault.apply(fault);
  }

  public <T extends ScanEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
