/**
 * The event contracts of Drydock: the topic catalog and one record per event. Events are small facts in the past tense
 * that carry ids (a claim check), never analyses or reports; the data stays in PostgreSQL.
 */
package io.drydock.schemas.events;
