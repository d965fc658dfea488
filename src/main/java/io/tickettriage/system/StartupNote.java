package io.tickettriage.system;

/** A line a module adds to the start-up report, such as which engine routes tickets. */
@FunctionalInterface
public interface StartupNote {

    String text();
}
