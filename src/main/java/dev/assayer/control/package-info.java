/**
 * The organization's control library: controls, their owners and attributes, and their mappings
 * to SOC 2 criteria and SOC 1 control objectives; CSV/YAML import and export and the starter
 * library. Public face: {@link dev.assayer.control.ControlService} and the records and enums of
 * this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Control library")
package dev.assayer.control;
