package com.dossiercapture.app.gui.review;

import com.dossiercapture.app.review.WordBoxes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The page image (左看): zoom (Ctrl+wheel, buttons, + / -), pan by dragging, fit width, rotate the
 * view by quarter turns on top of the page's stored rotation; the OCR word boxes lie over the
 * image, the selected one highlighted, a click on one selects it.
 */
final class PageImagePane {

  private static final double MIN_ZOOM = 0.05;
  private static final double MAX_ZOOM = 8;

  private final ScrollPane scroll = new ScrollPane();
  private final ImageView imageView = new ImageView();
  private final Pane overlay = new Pane();
  private final Pane canvas = new Pane(imageView, overlay);
  private final Label message = new Label();
  private final StackPane root;
  private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
  private final List<Rectangle> boxes = new ArrayList<>();
  private IntConsumer onWordClicked = i -> {};
  private int pageRotation;
  private int viewRotation;
  private int selected = -1;

  PageImagePane() {
    imageView.setPreserveRatio(true);
    imageView.setSmooth(true);
    imageView.setId("reviewImage");
    overlay.setPickOnBounds(false);
    canvas.setId("reviewCanvas");
    scroll.setContent(new Group(canvas));
    scroll.setPannable(true);
    scroll.setId("reviewImageScroll");
    scroll.addEventFilter(
        ScrollEvent.SCROLL,
        e -> {
          if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() > 0) {
              zoomBy(1.15);
            } else if (e.getDeltaY() < 0) {
              zoomBy(1 / 1.15);
            }
            e.consume();
          }
        });
    message.setWrapText(true);
    message.setVisible(false);
    message.getStyleClass().add("review-image-message");
    root = new StackPane(scroll, message);
    root.setMinWidth(200);
  }

  StackPane node() {
    return root;
  }

  ReadOnlyDoubleProperty zoomProperty() {
    return zoom.getReadOnlyProperty();
  }

  ImageView imageView() {
    return imageView;
  }

  void onWordClicked(IntConsumer c) {
    this.onWordClicked = c;
  }

  /** Shows a page image with its word boxes (box coordinates times {@code boxScale}). */
  void show(Image image, WordBoxes words, double boxScale, int rotation) {
    message.setVisible(false);
    imageView.setImage(image);
    canvas.setPrefSize(image.getWidth(), image.getHeight());
    canvas.setMinSize(image.getWidth(), image.getHeight());
    canvas.setMaxSize(image.getWidth(), image.getHeight());
    overlay.getChildren().clear();
    boxes.clear();
    selected = -1;
    for (WordBoxes.Word w : words.words()) {
      Rectangle r =
          new Rectangle(w.x() * boxScale, w.y() * boxScale, w.w() * boxScale, w.h() * boxScale);
      r.setFill(Color.TRANSPARENT);
      r.setStroke(Color.TRANSPARENT);
      r.getStyleClass().add("review-word-box");
      r.setId("wordBox-" + w.index());
      int index = w.index();
      r.setOnMouseClicked(
          e -> {
            if (e.isStillSincePress()) {
              onWordClicked.accept(index);
              e.consume();
            }
          });
      r.setOnMouseEntered(e -> hover(r, true));
      r.setOnMouseExited(e -> hover(r, false));
      boxes.add(r);
      overlay.getChildren().add(r);
    }
    pageRotation = rotation;
    viewRotation = 0;
    applyRotation();
    fitWidth();
  }

  /** Shows a message instead of an image (decoding failed, no page). */
  void showMessage(String text) {
    imageView.setImage(null);
    overlay.getChildren().clear();
    boxes.clear();
    selected = -1;
    message.setText(text);
    message.setVisible(true);
  }

  /** Highlights a word's box (-1 for none) and scrolls it into view. */
  void select(int index) {
    if (selected >= 0 && selected < boxes.size()) {
      style(boxes.get(selected), false);
    }
    selected = index;
    if (index >= 0 && index < boxes.size()) {
      Rectangle r = boxes.get(index);
      style(r, true);
      reveal(r);
    }
  }

  int selected() {
    return selected;
  }

  /** The rectangle of a word, for tests. */
  Rectangle box(int index) {
    return boxes.get(index);
  }

  void zoomBy(double factor) {
    setZoom(zoom.get() * factor);
  }

  void setZoom(double z) {
    double v = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    zoom.set(v);
    canvas.setScaleX(v);
    canvas.setScaleY(v);
  }

  /** Scales the page so its width fills the visible area. */
  void fitWidth() {
    Image img = imageView.getImage();
    if (img == null) {
      return;
    }
    boolean sideways = (pageRotation + viewRotation) % 180 != 0;
    double width = sideways ? img.getHeight() : img.getWidth();
    // the pane's width less room for a vertical scroll bar, whether one shows now or not, so
    // that fitting twice gives the same zoom
    double viewport = Math.max(100, (scroll.getWidth() > 0 ? scroll.getWidth() : 600) - 22);
    setZoom(viewport / width);
    scroll.setHvalue(0);
    scroll.setVvalue(0);
  }

  /** Turns the view a quarter turn clockwise (the stored page is not changed). */
  void rotateView() {
    viewRotation = (viewRotation + 90) % 360;
    applyRotation();
    fitWidth();
  }

  int totalRotation() {
    return (pageRotation + viewRotation) % 360;
  }

  private void applyRotation() {
    canvas.setRotate(totalRotation());
  }

  private void hover(Rectangle r, boolean on) {
    if (boxes.indexOf(r) != selected) {
      r.setStroke(on ? Color.web("#1e88e5", 0.8) : Color.TRANSPARENT);
    }
  }

  private static void style(Rectangle r, boolean on) {
    r.setFill(on ? Color.web("#ffd600", 0.35) : Color.TRANSPARENT);
    r.setStroke(on ? Color.web("#ff6f00") : Color.TRANSPARENT);
    r.setStrokeWidth(on ? 3 : 1);
  }

  private void reveal(Rectangle r) {
    var inScroll = scroll.getContent().sceneToLocal(r.localToScene(r.getBoundsInLocal()));
    var content = scroll.getContent().getLayoutBounds();
    var view = scroll.getViewportBounds();
    if (inScroll == null
        || content.getWidth() <= view.getWidth() && content.getHeight() <= view.getHeight()) {
      return;
    }
    double cx = inScroll.getCenterX() - content.getMinX();
    double cy = inScroll.getCenterY() - content.getMinY();
    if (content.getWidth() > view.getWidth()) {
      scroll.setHvalue(clamp((cx - view.getWidth() / 2) / (content.getWidth() - view.getWidth())));
    }
    if (content.getHeight() > view.getHeight()) {
      scroll.setVvalue(
          clamp((cy - view.getHeight() / 2) / (content.getHeight() - view.getHeight())));
    }
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
