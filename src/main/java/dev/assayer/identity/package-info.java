/**
 * Organizations (tenants), users, their roles per organization, sign-in, API tokens and
 * one-time setup and invitation links. Public face: {@link dev.assayer.identity.IdentityService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package dev.assayer.identity;
