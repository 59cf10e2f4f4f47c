package org.rnnkit.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cell's outputs, kept in order for tests: {@code stdout:text}, {@code display}, {@code result}.
 */
final class RecordedOutput implements CellOutput {
  /** One output: its kind ({@code stdout}, {@code stderr}, {@code display}, {@code result}). */
  record Item(String kind, String text, Map<String, String> bundle) {}

  final List<Item> items = new ArrayList<>();

  @Override
  public void stream(String name, String text) {
    items.add(new Item(name, text, Map.of()));
  }

  @Override
  public void display(Map<String, String> bundle) {
    items.add(new Item("display", bundle.get("text/plain"), bundle));
  }

  @Override
  public void result(Map<String, String> bundle) {
    items.add(new Item("result", bundle.get("text/plain"), bundle));
  }

  /** Everything printed on {@code stream}, joined. */
  String printed(String stream) {
    StringBuilder text = new StringBuilder();
    items.stream().filter(i -> i.kind().equals(stream)).forEach(i -> text.append(i.text()));
    return text.toString();
  }

  List<String> kinds() {
    return items.stream().map(Item::kind).toList();
  }
}
