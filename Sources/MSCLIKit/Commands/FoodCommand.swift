import ArgumentParser
import FoodService
import Foundation
import ServiceCore

struct FoodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "food",
        abstract: "Manage the food catalogue (categories, restaurants, foods, menus) and orders.",
        discussion: """
            Reading needs any session; catalogue changes need an admin session, moving orders along a staff one \
            (moderator or admin). --maintenance works on the food databases directly: the primary \
            (--food-database-url, FOOD_DATABASE_URL) and every order shard (--food-shard-urls, FOOD_SHARD_DATABASE_URLS).

            Examples:
              mscli food restaurants create --name "Dosa Corner" --address "12 MG Road" \\
                  --type "South Indian"
              mscli food menu list --restaurant RESTAURANT_ID
              mscli food orders create MENU_ID:2 MENU_ID
              mscli food orders watch
            """,
        subcommands: [
            FoodCategoriesCommand.self, FoodRestaurantsCommand.self, FoodFoodsCommand.self, FoodMenuCommand.self,
            FoodOrdersCommand.self,
        ]
    )
}

/// An amount of money on the command line: digits with at most two decimals, read exactly (never through a Double).
struct MoneyArgument: ExpressibleByArgument, Sendable {
    let value: Decimal

    init?(argument: String) {
        let parts = argument.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
            parts.count == 1 || ((1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber)),
            let value = Decimal(string: argument, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { BookingText.money(value) }
}

/// `--yes` of the delete commands.
struct DeleteConfirmation: ParsableArguments {
    @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
}

enum FoodTables {
    static func category(_ category: Category) -> Table {
        Table(fields: [
            ("id", BookingText.id(category.id)), ("name", category.name), ("slug", category.slug),
            ("description", BookingText.text(category.description)), ("created_at", Rendering.date(category.createdAt)),
            ("updated_at", Rendering.date(category.updatedAt)),
        ])
    }

    static func categories(_ categories: [Category]) -> Table {
        Table(headers: ["ID", "NAME", "SLUG"], rows: categories.map { [BookingText.id($0.id), $0.name, $0.slug] })
    }

    static func restaurant(_ restaurant: Restaurant) -> Table {
        Table(fields: [
            ("id", BookingText.id(restaurant.id)), ("name", restaurant.name), ("restaurant_type", restaurant.restaurantType),
            ("address", restaurant.address), ("description", BookingText.text(restaurant.description)),
            ("image_url", BookingText.text(restaurant.imageURL)), ("created_at", Rendering.date(restaurant.createdAt)),
            ("updated_at", Rendering.date(restaurant.updatedAt)),
        ])
    }

    static func restaurants(_ restaurants: [Restaurant]) -> Table {
        Table(
            headers: ["ID", "NAME", "TYPE", "ADDRESS"],
            rows: restaurants.map { [BookingText.id($0.id), $0.name, $0.restaurantType, $0.address] })
    }

    static func food(_ food: Food) -> Table {
        Table(fields: [
            ("id", BookingText.id(food.id)), ("name", food.name), ("price", BookingText.money(food.price)),
            ("vegetarian", food.isVegetarian ? "yes" : "no"), ("category", "\(food.category.name) (\(BookingText.id(food.category.id)))"),
            ("description", BookingText.text(food.description)), ("image_url", BookingText.text(food.imageURL)),
            ("created_at", Rendering.date(food.createdAt)), ("updated_at", Rendering.date(food.updatedAt)),
        ])
    }

    static func foods(_ foods: [Food]) -> Table {
        Table(
            headers: ["ID", "NAME", "PRICE", "VEG", "CATEGORY"],
            rows: foods.map { [BookingText.id($0.id), $0.name, BookingText.money($0.price), $0.isVegetarian ? "yes" : "no", $0.category.name] })
    }
}

// MARK: - categories

struct FoodCategoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories", abstract: "Food categories (starters, mains, drinks, ...).",
        discussion: """
            Examples:
              mscli food categories list
              mscli food categories create --name 'South Indian'
            """,
        subcommands: [List.self, Get.self, Create.self, Delete.self])

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List categories, newest first.",
            discussion: """
                Examples:
                  mscli food categories list
                  mscli food categories list -o json
                """)
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let categories = try await withFoodBackend(context) { try await $0.categories(limit: page.limit, offset: page.offset) }
            try context.output(categories, table: FoodTables.categories)
            page.hint(categories.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one category.",
            discussion: """
                Examples:
                  mscli food categories get south-indian
                """)
        @Argument(help: ArgumentHelp("Category id, slug or name.", valueName: "category")) var categoryID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let category = try await withFoodBackend(context) { try await $0.category(try await $0.resolve(categoryID, as: .category)) }
            try context.output(category, table: FoodTables.category)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a category.",
            discussion: """
                Examples:
                  mscli food categories create --name 'South Indian' --slug south-indian
                  mscli food categories create --name Desserts --maintenance
                """)
        @Option(help: "Name.") var name: String
        @Option(help: "Short name for URLs (default: the name in lower case with dashes).") var slug: String?
        @Option(help: "Description (1-500 characters).") var description: String?
        @OptionGroup var global: GlobalOptions

        static func slug(_ name: String) -> String {
            let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
            return words.joined(separator: "-")
        }

        func run(_ context: CommandContext) async throws {
            let input = CategoryInput(name: name, slug: slug ?? Self.slug(name), description: description)
            let category = try await withFoodBackend(context) { try await $0.createCategory(input) }
            context.changed("Created category \(category.name) (\(BookingText.id(category.id)))", in: .food)
            try context.output(category, table: FoodTables.category)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a category (asks first unless --yes; refused while foods or menu items use it).",
            discussion: """
                Examples:
                  mscli food categories delete south-indian --yes
                """)
        @Argument(help: ArgumentHelp("Category id, slug or name.", valueName: "category")) var categoryID: Reference
        @OptionGroup var confirmation: DeleteConfirmation
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withFoodBackend(context) { backend in
                let category = try await backend.category(try await backend.resolve(categoryID, as: .category))
                try context.console.confirm("Delete category \(category.name) (\(BookingText.id(category.id))) on \(context.target(.food))?", assumeYes: confirmation.yes)
                try await backend.deleteCategory(category.id)
                context.changed("Deleted category \(category.name)", in: .food)
            }
        }
    }
}

// MARK: - restaurants

struct FoodRestaurantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restaurants", abstract: "Restaurants (their menus are `mscli food menu`).",
        discussion: """
            Examples:
              mscli food restaurants list
              mscli food restaurants get RESTAURANT_ID
            """,
        subcommands: [List.self, Get.self, Create.self, Delete.self])

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List restaurants.",
            discussion: """
                Examples:
                  mscli food restaurants list --limit 20
                  mscli food restaurants list -o json
                """)
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let restaurants = try await withFoodBackend(context) { try await $0.restaurants(limit: page.limit, offset: page.offset) }
            try context.output(restaurants, table: FoodTables.restaurants)
            page.hint(restaurants.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one restaurant.",
            discussion: """
                Examples:
                  mscli food restaurants get "Saravana Bhavan"
                """)
        @Argument(help: ArgumentHelp("Restaurant id or name.", valueName: "restaurant")) var restaurantID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let restaurant = try await withFoodBackend(context) { try await $0.restaurant(try await $0.resolve(restaurantID, as: .restaurant)) }
            try context.output(restaurant, table: FoodTables.restaurant)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a restaurant (then add dishes with `mscli food menu create`).",
            discussion: """
                Examples:
                  mscli food restaurants create --name 'Saravana Bhavan' \\
                      --address '77 Residency Rd' --type 'South Indian'
                """)
        @Option(help: "Name.") var name: String
        @Option(help: "Street address.") var address: String
        @Option(name: .customLong("type"), help: "Kind of restaurant, such as \"South Indian\" or \"Cafe\".") var restaurantType: String
        @Option(help: "Description.") var description: String?
        @Option(help: "Picture URL.") var imageURL: String?
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let input = RestaurantInput(
                name: name, description: description, address: address, restaurantType: restaurantType, imageURL: imageURL)
            let restaurant = try await withFoodBackend(context) { try await $0.createRestaurant(input) }
            context.changed("Created restaurant \(restaurant.name) (\(BookingText.id(restaurant.id)))", in: .food)
            try context.output(restaurant, table: FoodTables.restaurant)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a restaurant (asks first unless --yes; refused while it has menu items).",
            discussion: """
                Examples:
                  mscli food restaurants delete "Saravana Bhavan" --yes
                """)
        @Argument(help: ArgumentHelp("Restaurant id or name.", valueName: "restaurant")) var restaurantID: Reference
        @OptionGroup var confirmation: DeleteConfirmation
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withFoodBackend(context) { backend in
                let restaurant = try await backend.restaurant(try await backend.resolve(restaurantID, as: .restaurant))
                try context.console.confirm(
                    "Delete restaurant \(restaurant.name) (\(BookingText.id(restaurant.id))) on \(context.target(.food))?", assumeYes: confirmation.yes)
                try await backend.deleteRestaurant(restaurant.id)
                context.changed("Deleted restaurant \(restaurant.name)", in: .food)
            }
        }
    }
}

// MARK: - foods

struct FoodFoodsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foods", abstract: "Dishes, each in a category with a list price (a menu item sets a restaurant's price).",
        discussion: """
            Examples:
              mscli food foods list --category CATEGORY_ID
              mscli food foods create --name 'Ghee Roast' --price 135.50 \\
                  --category CATEGORY_ID
            """,
        subcommands: [List.self, Get.self, Create.self, Delete.self])

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List foods, newest first.",
            discussion: """
                Examples:
                  mscli food foods list --category south-indian
                """)
        @Option(help: "Only foods of this category (id, slug or name).") var category: Reference?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let foods = try await withFoodBackend(context) { backend in
                try await backend.foods(limit: page.limit, offset: page.offset, category: try await backend.resolve(category, as: .category))
            }
            try context.output(foods, table: FoodTables.foods)
            page.hint(foods.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one food.",
            discussion: """
                Examples:
                  mscli food foods get "Masala Dosa"
                """)
        @Argument(help: ArgumentHelp("Food id or name.", valueName: "food")) var foodID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let food = try await withFoodBackend(context) { try await $0.food(try await $0.resolve(foodID, as: .food)) }
            try context.output(food, table: FoodTables.food)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a food.",
            discussion: """
                Examples:
                  mscli food foods create --name "Masala Dosa" --price 80 \\
                      --category south-indian --vegetarian
                """)
        @Option(help: "Name.") var name: String
        @Option(help: ArgumentHelp("List price, such as 120 or 99.50.", valueName: "amount")) var price: MoneyArgument
        @Option(help: "Category id, slug or name.") var category: Reference
        @Option(help: "Description.") var description: String?
        @Option(help: "Picture URL.") var imageURL: String?
        @Flag(inversion: .prefixedNo, help: "Whether it is vegetarian (default: not said, stored as no).") var vegetarian: Bool?
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let food = try await withFoodBackend(context) { backend in
                let input = FoodInput(
                    name: name, description: description, price: price.value, imageURL: imageURL, isVegetarian: vegetarian,
                    categoryID: try await backend.resolve(category, as: .category))
                return try await backend.createFood(input)
            }
            context.changed("Created food \(food.name) (\(BookingText.id(food.id)))", in: .food)
            try context.output(food, table: FoodTables.food)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a food (asks first unless --yes; refused while a menu lists it).",
            discussion: """
                Examples:
                  mscli food foods delete "Masala Dosa" --yes
                """)
        @Argument(help: ArgumentHelp("Food id or name.", valueName: "food")) var foodID: Reference
        @OptionGroup var confirmation: DeleteConfirmation
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withFoodBackend(context) { backend in
                let food = try await backend.food(try await backend.resolve(foodID, as: .food))
                try context.console.confirm("Delete food \(food.name) (\(BookingText.id(food.id))) on \(context.target(.food))?", assumeYes: confirmation.yes)
                try await backend.deleteFood(food.id)
                context.changed("Deleted food \(food.name)", in: .food)
            }
        }
    }
}
