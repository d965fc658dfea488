/**
 * Who may do what: API tokens with roles, dashboard sessions, the one-time login link of a first start, and the
 * web security rules that apply them to every request. {@link io.tickettriage.access.Caller#current()} tells
 * other modules who is calling.
 */
package io.tickettriage.access;
