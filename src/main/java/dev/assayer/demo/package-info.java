/**
 * The demo organization: {@code assayer serve --demo} ({@code assayer.demo=true}) loads a fictional
 * 40-person SaaS company preparing its first SOC 2 Type II into an empty database, with sign-ins
 * whose passwords are generated at load time and printed once. Content lives in
 * {@code src/main/resources/demo/}; the loader only calls other modules' public services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package dev.assayer.demo;
