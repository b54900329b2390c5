/**
 * The route model (module route-model): what the processor reads from the annotations, validates, and writes as the per-service route
 * manifest ({@code META-INF/gateway/<service>.json}); the gateway module reads the same records back.
 * Records here are immutable and hold no compiler types, so they cross the jar boundary as JSON.
 */
package dev.gatewaystack.route.model;
