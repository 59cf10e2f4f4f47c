package org.rnnkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.rnnkit.tasks.CellChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

/** Argument parsing and checks shared by the training commands. */
final class Options {
  private Options() {}

  /** Parses {@code rnn,lstm,gru} into cell choices, naming the valid ones on a bad name. */
  static List<CellChoice> cells(String value) {
    LinkedHashSet<CellChoice> cells = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      cells.add(CellChoice.parse(name));
    }
    return new ArrayList<>(cells);
  }

  /** Parses one cell name. */
  static final class Cell implements ITypeConverter<CellChoice> {
    @Override
    public CellChoice convert(String value) {
      try {
        return CellChoice.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Parses {@code 10,25,50}: whole numbers. */
  static int[] integers(String value) {
    String[] parts = value.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'%s' is not a whole number; give a list such as 10,25,50".formatted(parts[i]));
      }
    }
    return out;
  }

  /** Fails with a {@link UserError} (exit code 2, no stack trace) unless {@code ok}. */
  static void require(CommandSpec spec, boolean ok, String message) {
    if (!ok) {
      throw new UserError(message);
    }
  }

  /** Runs {@code body}, turning a bad setting found by the library into a {@link UserError}. */
  static <T> T asUsageError(CommandSpec spec, java.util.function.Supplier<T> body) {
    return UserError.whenInvalid(body);
  }
}
