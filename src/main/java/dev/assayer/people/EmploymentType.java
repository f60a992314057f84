package dev.assayer.people;

/** How a person works for the organization, as an HR export states it. */
public enum EmploymentType {
    EMPLOYEE("Employee"), CONTRACTOR("Contractor"), INTERN("Intern"), TEMPORARY("Temporary");

    private final String label;

    EmploymentType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
