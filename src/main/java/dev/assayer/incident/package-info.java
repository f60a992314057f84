/**
 * Incidents (CC7.3–CC7.5; description criterion DC4): the incident register with detection,
 * severity, affected systems and data, a timeline, response, root cause, lessons learned,
 * customer notification, the controls changed as a result and linked findings. Significant
 * incidents in a period feed the system description. Public face:
 * {@link dev.assayer.incident.IncidentService} and the records of this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package dev.assayer.incident;
