/**
 * Vendors and subservice organizations (CC9.2; description criteria DC6 and DC7): the vendor
 * register with criticality tiers and review frequency, reviews of vendors' SOC and other
 * assurance reports with the complementary user entity controls the vendor expects of us (each
 * mapped to one of our controls, or a gap), and the subservice organizations of an engagement with
 * their CSOCs. Public face: {@link dev.assayer.vendor.VendorService} and the records of this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vendors")
package dev.assayer.vendor;
