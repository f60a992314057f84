/**
 * The criteria catalog: versioned framework data files (SOC 2 Trust Services Criteria, the SOC 1
 * starter objectives, later crosswalk frameworks) loaded into the database at startup and cached
 * in memory, and each organization's own SOC 1 control objectives. Public face:
 * {@link dev.assayer.catalog.CatalogService} and its records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package dev.assayer.catalog;
