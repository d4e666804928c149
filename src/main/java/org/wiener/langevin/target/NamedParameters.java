package org.wiener.langevin.target;

import java.util.List;

/** A target whose parameters have names (for summaries and tables). */
public interface NamedParameters {

    /** @return an unmodifiable list of the d parameter names, in parameter order */
    List<String> parameterNames();
}
