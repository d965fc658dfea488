package io.tickettriage.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Checks the fields of one request and refuses it once, naming every field that is wrong, so that a client fixes
 * them in one go rather than one refusal at a time.
 */
public final class FieldChecks {

    private final List<InvalidFieldException> problems = new ArrayList<>();

    /** The checked value, or null when the check refused it (the refusal is kept for {@link #done()}). */
    public <T> @Nullable T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidFieldException e) {
            problems.add(e);
            return null;
        }
    }

    /** Refuses the request when any check did. */
    public void done() {
        if (!problems.isEmpty()) {
            throw InvalidFieldException.all(problems);
        }
    }
}
