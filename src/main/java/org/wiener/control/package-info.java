/**
 * Step-size controllers: {@link org.wiener.control.ConstantStepSize}, {@link org.wiener.control.StepTo}
 * and the adaptive {@link org.wiener.control.PidController} (Diffrax's law, with jump times and the
 * rejected-step buffer).
 */
package org.wiener.control;
