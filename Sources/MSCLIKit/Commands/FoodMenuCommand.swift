import ArgumentParser
import FoodService
import Foundation
import ServiceCore

struct FoodMenuCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "menu",
        abstract: "Restaurants' menus: which food each sells, in which category, at what price.",
        discussion: """
            Examples:
              mscli food menu create --restaurant RESTAURANT_ID --food FOOD_ID \\
                  --category CATEGORY_ID --price 120
              mscli food menu update MENU_ID --price 135.50
            """,
        subcommands: [List.self, Get.self, Create.self, Update.self, Delete.self])

    static func single(_ item: MenuItem) -> Table {
        Table(fields: [
            ("id", BookingText.id(item.id)), ("food", item.food.name), ("price", BookingText.money(item.price)),
            ("restaurant", "\(item.restaurant.name) (\(BookingText.id(item.restaurantID)))"),
            ("category_id", BookingText.id(item.categoryID)), ("food_id", BookingText.id(item.food.id)),
            ("vegetarian", item.food.isVegetarian ? "yes" : "no"), ("created_at", Rendering.date(item.createdAt)),
            ("updated_at", Rendering.date(item.updatedAt)),
        ])
    }

    static func list(_ items: [MenuItem]) -> Table {
        Table(
            headers: ["ID", "RESTAURANT", "FOOD", "PRICE", "VEG"],
            rows: items.map {
                [BookingText.id($0.id), $0.restaurant.name, $0.food.name, BookingText.money($0.price), $0.food.isVegetarian ? "yes" : "no"]
            })
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List menu items, of every restaurant or of one.",
            discussion: """
                Examples:
                  mscli food menu list --restaurant "Saravana Bhavan"
                """)
        @Option(help: "Only this restaurant's menu (id or name).") var restaurant: Reference?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let items = try await withFoodBackend(context) { backend in
                try await backend.menu(limit: page.limit, offset: page.offset, restaurant: try await backend.resolve(restaurant, as: .restaurant))
            }
            try context.output(items, table: FoodMenuCommand.list)
            page.hint(items.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one menu item.",
            discussion: """
                Examples:
                  mscli food menu get "Masala Dosa"
                """)
        @Argument(help: ArgumentHelp("Menu item id, or the dish's name.", valueName: "menu-item")) var menuID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let item = try await withFoodBackend(context) { try await $0.menuItem(try await $0.resolve(menuID, as: .menuItem)) }
            try context.output(item, table: FoodMenuCommand.single)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a food on a restaurant's menu (once per restaurant, food and category).",
            discussion: """
                Examples:
                  mscli food menu create --restaurant "Saravana Bhavan" --food "Masala Dosa" \\
                      --category south-indian --price 90
                """)
        @Option(help: "Restaurant id or name.") var restaurant: Reference
        @Option(help: "Food id or name.") var food: Reference
        @Option(help: "Category on this menu (may differ from the food's own): id, slug or name.") var category: Reference
        @Option(help: ArgumentHelp("The restaurant's price, such as 120 or 99.50.", valueName: "amount")) var price: MoneyArgument
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let item = try await withFoodBackend(context) { backend in
                let input = MenuItemInput(
                    restaurantID: try await backend.resolve(restaurant, as: .restaurant), foodID: try await backend.resolve(food, as: .food),
                    categoryID: try await backend.resolve(category, as: .category), price: price.value)
                let created = try await backend.createMenuItem(input)
                return try await backend.menuItem(created.id)
            }
            context.changed("Added \(item.food.name) to \(item.restaurant.name) at \(BookingText.money(item.price)) (\(BookingText.id(item.id)))", in: .food)
            try context.output(item, table: FoodMenuCommand.single)
        }
    }

    struct Update: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a menu item's price (orders already placed keep the price they were placed at).",
            discussion: """
                Examples:
                  mscli food menu update MENU_ID --price 135.50
                """)
        @Argument(help: ArgumentHelp("Menu item id, or the dish's name.", valueName: "menu-item")) var menuID: Reference
        @Option(help: ArgumentHelp("New price.", valueName: "amount")) var price: MoneyArgument
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let item = try await withFoodBackend(context) { try await $0.updateMenuPrice(try await $0.resolve(menuID, as: .menuItem), price: price.value) }
            context.changed("\(item.food.name) at \(item.restaurant.name) now costs \(BookingText.money(item.price))", in: .food)
            try context.output(item, table: FoodMenuCommand.single)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Take an item off a menu (asks first unless --yes).",
            discussion: """
                Examples:
                  mscli food menu delete MENU_ID --yes
                """)
        @Argument(help: ArgumentHelp("Menu item id, or the dish's name.", valueName: "menu-item")) var menuID: Reference
        @OptionGroup var confirmation: DeleteConfirmation
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withFoodBackend(context) { backend in
                let item = try await backend.menuItem(try await backend.resolve(menuID, as: .menuItem))
                try context.console.confirm(
                    "Take \(item.food.name) off the menu of \(item.restaurant.name) (\(BookingText.id(item.id))) on \(context.target(.food))?", assumeYes: confirmation.yes)
                try await backend.deleteMenuItem(item.id)
                context.changed("Took \(item.food.name) off the menu of \(item.restaurant.name)", in: .food)
            }
        }
    }
}
