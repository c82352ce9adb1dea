import Foundation
import RotaServer

// The whole executable: everything else lives in the libraries.
exit(CommandLineTool(arguments: Array(CommandLine.arguments.dropFirst())).run().rawValue)
