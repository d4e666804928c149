package org.wiener.study;

/**
 * Progress of a study, counted in solves (reference solves included). Called from the worker threads,
 * possibly concurrently and with {@code done} values out of order; implementations must be thread-safe
 * and quick.
 */
@FunctionalInterface
public interface StudyProgress {

    /**
     * @param done solves finished so far
     * @param total solves in the whole study
     */
    void update(long done, long total);
}
