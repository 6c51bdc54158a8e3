import Foundation

/// The rules copied into the executable's resource bundle, so an installed binary works anywhere.
enum BundledRules {
    static func path() -> String {
        Bundle.module.url(forResource: "Rules", withExtension: nil)?.path ?? "Rules"
    }
}
