/**
 * People and training (CC1.4, CC1.5, CC2.2): the personnel roster, onboarding and offboarding
 * checklists, security awareness training and background checks, and the populations of new
 * hires, terminations and training completions handed to fieldwork. Public face:
 * {@link dev.assayer.people.PeopleService} and the records of this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "People")
package dev.assayer.people;
