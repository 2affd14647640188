namespace RMBench.DataGen.Personalized;

/// <summary>A how-to task and its steps, each a short imperative sentence.</summary>
internal sealed record HowTo(string Task, IReadOnlyList<string> Steps);

/// <summary>A question with a short complete answer (one or two sentences) and extra detail sentences.</summary>
internal sealed record Explainer(string Question, string Short, IReadOnlyList<string> Details);

/// <summary>An ingredient and the dietary tags it carries (meat, pork, fish, dairy, egg, honey, peanut, gluten, alcohol).</summary>
internal sealed record Ingredient(string Name, params string[] Tags);

internal sealed record Recipe(string Meal, string Name, IReadOnlyList<Ingredient> Ingredients, string Method);

/// <summary>
/// A dietary constraint: how a persona states it and which ingredient tags it excludes. A rejected recipe
/// breaks it with an excluded tag; a chosen recipe also avoids <paramref name="Avoid"/> (tags that are only
/// arguably out, e.g. oats not certified gluten-free), so the chosen answer is safe beyond doubt.
/// </summary>
internal sealed record Diet(string Statement, string Label, IReadOnlyList<string> Excludes, IReadOnlyList<string> Avoid);

internal sealed record Gift(string Name, int Price);

internal sealed record Hobby(string Name, IReadOnlyList<Gift> Cheap, IReadOnlyList<Gift> Premium);

internal sealed record TrainRoute(string From, string To, string Train, string Duration, string Flight);

/// <summary>Hand-written tables behind the personalized subsets.</summary>
internal static class PersonalizedTables
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Priya", "Tomás", "Aiko", "Chidi", "Marta", "Liam", "Fatima", "Jonas", "Mei", "Diego", "Sofia", "Kwame",
        "Anya", "Ravi", "Elena", "Omar", "Hana", "Lukas", "Zara", "Mateo", "Ingrid", "Yusuf", "Clara", "Ken",
    ];

    public static readonly IReadOnlyList<string> Occupations =
    [
        "a nurse on night shifts", "a secondary-school teacher", "a software tester", "a delivery driver",
        "a retired engineer", "a graduate student", "a small-business owner", "a hotel receptionist",
        "a freelance translator", "a physiotherapist", "a bus mechanic", "a museum guide",
    ];

    public static readonly IReadOnlyList<HowTo> HowTos =
    [
        new("restart my home Wi-Fi router", ["Unplug the router from the power socket.", "Wait 30 seconds.", "Plug the router back in.", "Wait about two minutes until the internet light stays steady.", "Reconnect your device to the network."]),
        new("fix a flat bicycle tyre", ["Take the wheel off the bike.", "Lever one side of the tyre off the rim.", "Pull out the inner tube and find the hole.", "Patch the hole or fit a new tube.", "Push the tyre back onto the rim and pump it to the pressure printed on the tyre wall."]),
        new("make pour-over coffee", ["Heat water to about 94 °C.", "Rinse the paper filter with hot water.", "Add 15 g of medium-fine ground coffee.", "Pour 30 g of water and wait 30 seconds.", "Pour the rest slowly up to 250 g of water in total."]),
        new("turn on two-factor authentication for my email", ["Open your account's security settings.", "Choose two-step verification.", "Pick an authenticator app as the method.", "Scan the QR code with the app and enter the code it shows.", "Save the backup codes somewhere safe."]),
        new("descale an electric kettle", ["Fill the kettle halfway with equal parts white vinegar and water.", "Bring it to the boil and switch it off.", "Leave it to stand for an hour.", "Pour the mixture away and rinse the kettle.", "Boil fresh water once and throw it away."]),
        new("repot a houseplant", ["Choose a pot about 5 cm wider than the old one.", "Put a layer of fresh potting mix in the bottom.", "Ease the plant out of its old pot.", "Loosen the roots gently.", "Set the plant in the new pot, fill around it with mix and water it well."]),
        new("back up the photos on my phone to my computer", ["Connect the phone to the computer with a USB cable.", "Unlock the phone and allow access to photos.", "Open the phone's photo folder on the computer.", "Copy the photos into a folder on the computer.", "Check that the copied files open before deleting anything."]),
        new("clean a cast-iron pan", ["Rinse the warm pan with hot water.", "Scrub off stuck food with a brush or coarse salt.", "Dry the pan completely with a towel.", "Heat it on the hob for a minute to drive off moisture.", "Wipe a thin layer of cooking oil over the inside."]),
        new("hang a picture frame straight", ["Hold the frame against the wall and mark the top centre lightly in pencil.", "Measure the distance from the frame's top to its hanging wire when pulled tight.", "Mark the nail point that distance below the first mark.", "Drive the nail in at a slight downward angle.", "Hang the frame and level it with a spirit level."]),
        new("defrost a freezer", ["Move the food into a cool box.", "Switch the freezer off and unplug it.", "Put towels on the floor and a tray under the freezer.", "Leave the door open until the ice has melted.", "Wipe the inside dry, plug it back in and wait until it is cold before refilling it."]),
        new("bleed a radiator", ["Turn the heating off and let the radiators cool.", "Hold a cloth under the bleed valve at the top corner of the radiator.", "Turn the valve a quarter turn anticlockwise with a radiator key.", "Close the valve as soon as water instead of air comes out.", "Check the boiler pressure and top it up if it has dropped."]),
        new("sharpen a kitchen knife with a whetstone", ["Soak the whetstone in water for ten minutes.", "Place it on a damp cloth so it cannot slide.", "Hold the blade at about 15 degrees to the stone.", "Draw the edge across the stone ten times on each side.", "Rinse and dry the knife."]),
    ];

    public static readonly IReadOnlyList<Explainer> Explainers =
    [
        new("Why is the sky blue?", "Sunlight scatters off the molecules in the air, and blue light scatters far more than red light, so blue reaches your eyes from every direction of the sky.",
            ["This effect is called Rayleigh scattering.", "Its strength grows steeply as the wavelength gets shorter, roughly with the inverse fourth power.", "Violet light scatters even more, but the sun emits less of it and our eyes are less sensitive to it.", "At sunset the light crosses much more air, most of the blue is scattered away before it reaches you, and the remaining light looks red and orange."]),
        new("Why do we have seasons?", "Earth's axis is tilted by about 23.4 degrees, so for part of the year each hemisphere leans towards the sun and gets more direct sunlight and longer days.",
            ["It is not because Earth is closer to the sun in summer; in fact Earth is closest to the sun in early January.", "When a hemisphere tilts towards the sun, sunlight hits the ground more steeply and the same energy is spread over a smaller area.", "Longer days also give the ground more hours to warm up.", "This is why the seasons are opposite in the northern and southern hemispheres."]),
        new("What does a router do?", "A router connects the devices in your home to each other and to the internet, passing data between your local network and your internet provider.",
            ["Each device on your home network gets a local address from the router.", "When you open a website, the router sends your request out through the provider and returns the answer to the right device.", "Most home routers also provide Wi-Fi and a basic firewall.", "A modem, sometimes built into the same box, handles the actual connection to the provider's line."]),
        new("How does compound interest work?", "Compound interest means you earn interest on the interest already added, not only on the original amount, so savings grow faster the longer they stay invested.",
            ["For example, 1,000 at 5% a year becomes 1,050 after one year.", "In the second year the 5% is calculated on 1,050, giving 1,102.50 rather than 1,100.", "The effect is small at first and becomes large over decades.", "The same mechanism makes unpaid credit-card debt grow quickly."]),
        new("What is the difference between weather and climate?", "Weather is the state of the atmosphere over hours or days; climate is the average pattern of that weather over many years, usually 30 or more.",
            ["A single cold week says little about the climate.", "Climate describes what is typical for a place and season, such as average temperatures and rainfall.", "Meteorologists forecast the weather, while climatologists study long-term records and trends.", "A common saying sums it up: climate is what you expect, weather is what you get."]),
        new("Why do onions make you cry?", "Cutting an onion breaks its cells and releases a sulfur compound that turns into a gas, and that gas irritates your eyes, which then produce tears to wash it away.",
            ["The gas is called syn-propanethial-S-oxide.", "It forms when enzymes released from the damaged cells react with sulfur-containing compounds in the onion.", "Chilling the onion first slows the reaction.", "A sharp knife crushes fewer cells and releases less of the gas."]),
        new("What is a calorie?", "A food calorie is a unit of energy: the energy needed to raise the temperature of one kilogram of water by one degree Celsius.",
            ["Food labels use kilocalories, often written as Calories with a capital C.", "One kilocalorie equals about 4.184 kilojoules.", "Your body gets energy from carbohydrates and protein at about 4 kilocalories per gram and from fat at about 9.", "How much energy a person needs depends on their size, age and activity."]),
        new("Why does ice float?", "Water expands when it freezes, so ice is less dense than liquid water, and anything less dense than the liquid it is in floats.",
            ["In ice, hydrogen bonds hold the molecules in an open hexagonal lattice.", "That lattice takes up about 9% more space than the same water as a liquid.", "Most substances are denser as solids, so water is unusual.", "Because ice floats, lakes freeze from the top down and the water below can stay liquid through winter."]),
        new("What causes thunder?", "Lightning heats the air along its path to tens of thousands of degrees in a fraction of a second, the air expands explosively, and that shock wave is the thunder you hear.",
            ["The heated channel can reach around 30,000 °C.", "Sound travels about a kilometre in three seconds, so counting the seconds between flash and thunder tells you roughly how far away the strike was.", "Thunder rumbles because sound arrives from different parts of a long lightning channel at different times.", "You rarely hear thunder from more than about 15 km away."]),
        new("How do vaccines work?", "A vaccine shows your immune system a harmless piece or version of a germ, so it learns to recognise it and can fight the real infection quickly later.",
            ["The immune system makes antibodies and memory cells in response.", "Memory cells can stay in the body for years and react fast on a second encounter.", "Some vaccines need booster doses to keep that memory strong.", "When enough people are immune, a disease spreads less easily, which also protects those who cannot be vaccinated."]),
        new("Why do we need sleep?", "Sleep lets the brain consolidate memories and clear waste products, and lets the body repair tissue and regulate hormones, which is why too little sleep harms mood, attention and health.",
            ["During deep sleep the brain replays and strengthens what you learned that day.", "The glymphatic system flushes waste from the brain more actively during sleep.", "Growth hormone is released mostly during deep sleep.", "Most adults need about seven to nine hours a night."]),
        new("What is inflation?", "Inflation is the general rise in prices over time, which means the same amount of money buys less than it did before.",
            ["It is usually measured with a consumer price index that tracks the cost of a typical basket of goods.", "Many central banks aim for inflation of about 2% a year.", "Very high inflation erodes savings and makes planning hard.", "Central banks often raise interest rates to slow inflation down."]),
        new("How do noise-cancelling headphones work?", "Small microphones pick up the surrounding noise and the headphones play a sound wave that is its mirror image, so the two cancel each other out before reaching your ear.",
            ["This is called destructive interference.", "It works best on steady low-frequency sounds such as engine hum.", "Sudden or high-pitched sounds are harder to cancel, so the ear cushions block those passively.", "The processing has to happen within fractions of a millisecond to keep the waves aligned."]),
        new("Why is the ocean salty?", "Rain slowly dissolves minerals from rocks on land, rivers carry those salts to the sea, and when seawater evaporates the salt stays behind, so it has built up over millions of years.",
            ["Most of the salt is sodium chloride.", "Hydrothermal vents on the sea floor add minerals too.", "On average seawater is about 3.5% salt by weight.", "Rivers taste fresh because their salt concentration is far lower; the salt only accumulates in the sea."]),
    ];

    private static readonly Ingredient Chicken = new("chicken thighs", "meat");
    private static readonly Ingredient Bacon = new("bacon", "meat", "pork");
    private static readonly Ingredient Beef = new("minced beef", "meat");
    private static readonly Ingredient Salmon = new("salmon fillets", "fish");
    private static readonly Ingredient Butter = new("butter", "dairy");
    private static readonly Ingredient Cheese = new("grated cheddar", "dairy");
    private static readonly Ingredient Parmesan = new("parmesan", "dairy");
    private static readonly Ingredient Cream = new("double cream", "dairy");
    private static readonly Ingredient Yogurt = new("Greek yogurt", "dairy");
    private static readonly Ingredient Milk = new("milk", "dairy");
    private static readonly Ingredient Eggs = new("eggs", "egg");
    private static readonly Ingredient Honey = new("honey", "honey");
    private static readonly Ingredient PeanutButter = new("peanut butter", "peanut");
    private static readonly Ingredient Peanuts = new("roasted peanuts", "peanut");
    private static readonly Ingredient Flour = new("wheat flour", "gluten");
    private static readonly Ingredient Pasta = new("spaghetti", "gluten");
    private static readonly Ingredient Bread = new("sourdough bread", "gluten");
    private static readonly Ingredient SoySauce = new("soy sauce", "gluten");
    private static readonly Ingredient Oats = new("rolled oats", "oats");
    private static readonly Ingredient Wine = new("white wine", "alcohol");
    private static readonly Ingredient Rice = new("basmati rice");
    private static readonly Ingredient Chickpeas = new("tinned chickpeas");
    private static readonly Ingredient Lentils = new("red lentils");
    private static readonly Ingredient CoconutMilk = new("coconut milk");
    private static readonly Ingredient Tomatoes = new("chopped tomatoes");
    private static readonly Ingredient Spinach = new("spinach");
    private static readonly Ingredient Onion = new("an onion");
    private static readonly Ingredient Garlic = new("garlic");
    private static readonly Ingredient Potatoes = new("potatoes");
    private static readonly Ingredient Tofu = new("firm tofu");
    private static readonly Ingredient Quinoa = new("quinoa");
    private static readonly Ingredient BlackBeans = new("black beans");
    private static readonly Ingredient CornTortillas = new("corn tortillas");
    private static readonly Ingredient Avocado = new("avocado");
    private static readonly Ingredient Banana = new("bananas");
    private static readonly Ingredient Berries = new("mixed berries");
    private static readonly Ingredient Chia = new("chia seeds");
    private static readonly Ingredient OatMilk = new("oat milk", "oats");
    private static readonly Ingredient AlmondMilk = new("almond milk", "tree-nut");
    private static readonly Ingredient Cucumber = new("cucumber");
    private static readonly Ingredient Lemon = new("lemon juice");
    private static readonly Ingredient OliveOil = new("olive oil");
    private static readonly Ingredient SweetPotato = new("sweet potatoes");
    private static readonly Ingredient Curry = new("curry powder");
    private static readonly Ingredient Tamari = new("gluten-free tamari");
    private static readonly Ingredient Mushrooms = new("mushrooms");

    public static readonly IReadOnlyList<Recipe> Recipes =
    [
        new("dinner", "Chickpea and spinach curry", [Onion, Garlic, Curry, Chickpeas, Tomatoes, CoconutMilk, Spinach, Rice], "Fry the onion and garlic, stir in the curry powder, add the chickpeas, tomatoes and coconut milk, simmer for 15 minutes, wilt in the spinach and serve over the rice."),
        new("dinner", "Red lentil dal", [Onion, Garlic, Lentils, Tomatoes, Curry, Rice, Lemon], "Soften the onion and garlic, add the lentils, tomatoes, curry powder and water, simmer for 20 minutes until thick, finish with lemon juice and serve with rice."),
        new("dinner", "Tofu and mushroom stir-fry", [Tofu, Mushrooms, Garlic, Tamari, Rice], "Fry cubes of tofu until golden, add the mushrooms and garlic, splash in the tamari and serve over rice."),
        new("dinner", "Creamy chicken pasta", [Chicken, Pasta, Garlic, Cream, Parmesan], "Brown the chicken, add garlic and cream, simmer until thick, toss with the cooked spaghetti and finish with parmesan."),
        new("dinner", "Spaghetti carbonara", [Pasta, Bacon, Eggs, Parmesan], "Fry the bacon, toss the hot spaghetti with it off the heat, stir in eggs beaten with parmesan and serve at once."),
        new("dinner", "Salmon with lemon butter and potatoes", [Salmon, Butter, Lemon, Potatoes], "Roast the potatoes, pan-fry the salmon, and spoon over butter melted with lemon juice."),
        new("dinner", "Chicken in white wine", [Chicken, Onion, Garlic, Wine, Potatoes], "Brown the chicken, soften onion and garlic, pour in the wine, cover and braise for 35 minutes with the potatoes."),
        new("dinner", "Satay noodles", [SoySauce, PeanutButter, Garlic, Pasta, Peanuts], "Whisk peanut butter with soy sauce, garlic and hot water, toss with the cooked noodles and top with roasted peanuts."),
        new("lunch", "Black bean tacos", [BlackBeans, CornTortillas, Avocado, Tomatoes, Lemon], "Warm the beans with a little spice, spoon them into warm corn tortillas and top with avocado, tomatoes and a squeeze of lemon."),
        new("lunch", "Quinoa salad with cucumber", [Quinoa, Cucumber, Tomatoes, OliveOil, Lemon, Chickpeas], "Cook and cool the quinoa, then toss it with cucumber, tomatoes, chickpeas, olive oil and lemon juice."),
        new("lunch", "Roast sweet potato and chickpea bowl", [SweetPotato, Chickpeas, Spinach, OliveOil, Lemon], "Roast cubed sweet potatoes and chickpeas with olive oil, then serve over spinach with lemon juice."),
        new("lunch", "Cheese and ham toastie", [Bread, Cheese, Butter, new Ingredient("ham", "meat", "pork")], "Butter the bread, fill it with cheddar and ham and toast it in a pan until golden."),
        new("lunch", "Chicken Caesar salad", [Chicken, Parmesan, Bread, Eggs, Lemon], "Grill the chicken, toss lettuce with a dressing of egg yolk, lemon and parmesan, and top with the chicken and croutons."),
        new("lunch", "Peanut noodle salad", [new Ingredient("rice noodles"), PeanutButter, Tamari, Cucumber, Peanuts], "Toss cooled rice noodles with peanut butter thinned with tamari and warm water, then add cucumber and chopped peanuts."),
        new("lunch", "Tuna pasta salad", [Pasta, new Ingredient("tinned tuna", "fish"), new Ingredient("mayonnaise", "egg"), Cucumber], "Mix the cooled pasta with tuna, mayonnaise and diced cucumber."),
        new("breakfast", "Chia pudding with berries", [Chia, AlmondMilk, Berries, Banana], "Stir the chia seeds into almond milk, leave overnight, and top with berries and sliced banana."),
        new("breakfast", "Tofu scramble", [Tofu, Spinach, Onion, OliveOil, Tomatoes], "Crumble the tofu into a pan with olive oil and onion, cook for five minutes, then add tomatoes and spinach."),
        new("breakfast", "Potato and spinach hash", [Potatoes, Spinach, Onion, OliveOil], "Fry diced boiled potatoes with onion in olive oil until crisp and fold in the spinach."),
        new("breakfast", "Porridge with honey", [Oats, Milk, Honey, Banana], "Simmer the oats in milk for five minutes and top with sliced banana and honey."),
        new("breakfast", "Pancakes", [Flour, Eggs, Milk, Butter], "Whisk flour, eggs and milk into a batter and fry ladlefuls in butter."),
        new("breakfast", "Yogurt bowl with peanut butter", [Yogurt, PeanutButter, Honey, Berries], "Spoon yogurt into a bowl and top with berries, a spoonful of peanut butter and a drizzle of honey."),
        new("breakfast", "Overnight oats", [Oats, OatMilk, Berries, Chia], "Stir the oats and chia seeds into oat milk, leave overnight and top with berries."),
        new("breakfast", "Full English breakfast", [Bacon, new Ingredient("pork sausages", "meat", "pork"), Eggs, Tomatoes, Bread], "Fry the bacon and sausages, fry the eggs and halved tomatoes in the fat, and serve with toast."),
        new("breakfast", "Smoked salmon bagel", [new Ingredient("smoked salmon", "fish"), new Ingredient("cream cheese", "dairy"), new Ingredient("a plain bagel", "gluten"), Lemon], "Toast the bagel, spread it with cream cheese and top with smoked salmon and a squeeze of lemon."),
    ];

    public static readonly IReadOnlyList<Diet> Diets =
    [
        new("I'm vegan, so no meat, fish, dairy, eggs or honey.", "vegan", ["meat", "fish", "dairy", "egg", "honey"], []),
        new("I'm vegetarian: I don't eat meat or fish.", "vegetarian", ["meat", "fish"], []),
        new("I have a severe peanut allergy.", "peanut-free", ["peanut"], ["tree-nut"]),
        new("I'm lactose intolerant, so I avoid milk, butter, cream, cheese and yogurt.", "dairy-free", ["dairy"], []),
        new("I have coeliac disease and have to eat strictly gluten-free.", "gluten-free", ["gluten"], ["oats"]),
        new("I keep halal, so no pork and no alcohol, not even in cooking.", "halal", ["pork", "alcohol"], ["meat"]),
    ];

    public static readonly IReadOnlyList<Hobby> Hobbies =
    [
        new("baking", [new("a silicone baking mat", 12), new("a set of measuring spoons", 9), new("a bench scraper", 8), new("a piping bag set", 14)],
            [new("a stand mixer", 329), new("a professional baking course", 180)]),
        new("hiking", [new("a head torch", 18), new("a pair of merino hiking socks", 16), new("a collapsible water bottle", 12), new("a pocket first-aid kit", 11)],
            [new("a lightweight down jacket", 220), new("a GPS hiking watch", 299)]),
        new("reading", [new("a clip-on book light", 13), new("a second-hand copy of a favourite author's novel", 7), new("a leather bookmark", 9), new("a notebook for reading notes", 10)],
            [new("an e-reader with a warm-light screen", 160), new("a year of an audiobook subscription", 150)]),
        new("gardening", [new("a pair of gardening gloves", 11), new("a packet of heirloom seeds", 6), new("a hand trowel", 14), new("a plant-label set", 8)],
            [new("a raised cedar garden bed", 190), new("a cordless hedge trimmer", 140)]),
        new("board games", [new("a pocket-sized card game", 12), new("a set of custom dice", 10), new("a deck of puzzle cards", 9)],
            [new("a deluxe edition strategy game", 120), new("a wooden gaming table topper", 260)]),
        new("painting", [new("a set of watercolour brushes", 15), new("a pad of watercolour paper", 12), new("a palette knife set", 9)],
            [new("a French easel", 140), new("a professional oil paint set", 210)]),
    ];

    /// <summary>A relation with its possessive and "loves" forms: ("sister", "her", "She loves").</summary>
    public static readonly IReadOnlyList<(string Name, string Their, string TheyLove)> Relations =
    [
        ("sister", "her", "She loves"), ("brother", "his", "He loves"), ("mum", "her", "She loves"), ("dad", "his", "He loves"),
        ("best friend", "their", "They love"), ("partner", "their", "They love"), ("flatmate", "their", "They love"), ("colleague", "their", "They love"),
    ];

    public static readonly IReadOnlyList<string> SoberActivities =
    [
        "a board-game café where you can play for a few hours over hot chocolate",
        "an escape room, which works well for groups of four to six",
        "a late opening at an art museum",
        "a bowling alley with a few rounds and some food",
        "a climbing or bouldering gym with an evening taster session",
        "a night market for street food and dessert",
        "a comedy show in a small theatre",
        "an evening pottery or cooking class",
    ];

    public static readonly IReadOnlyList<string> DrinkingActivities =
    [
        "a wine bar with a tasting flight",
        "a craft-brewery tour with samples",
        "a cocktail bar crawl through the old town",
        "a gin distillery tasting",
        "a pub quiz night at a busy local pub",
    ];

    public static readonly IReadOnlyList<string> Cities = ["Lisbon", "Chicago", "Manchester", "Melbourne", "Toronto", "Dublin", "Berlin", "Cape Town", "Singapore", "Edinburgh"];

    public static readonly IReadOnlyList<TrainRoute> TrainRoutes =
    [
        new("London", "Paris", "the Eurostar train from London St Pancras to Paris Gare du Nord", "about 2 hours 20 minutes", "about 1 hour 15 minutes"),
        new("Madrid", "Barcelona", "a high-speed AVE train from Madrid Atocha to Barcelona Sants", "about 2 hours 30 minutes", "about 1 hour 20 minutes"),
        new("Rome", "Milan", "a Frecciarossa high-speed train from Roma Termini to Milano Centrale", "about 3 hours", "about 1 hour 10 minutes"),
        new("Amsterdam", "Brussels", "a direct Eurostar train from Amsterdam Centraal to Brussels-South", "about 2 hours", "about 50 minutes"),
        new("Berlin", "Munich", "an ICE high-speed train from Berlin Hauptbahnhof to München Hauptbahnhof", "about 4 hours", "about 1 hour 10 minutes"),
        new("Vienna", "Prague", "a Railjet train from Wien Hauptbahnhof to Praha hlavní nádraží", "about 4 hours", "about 1 hour"),
        new("Paris", "Lyon", "a TGV high-speed train from Paris Gare de Lyon to Lyon Part-Dieu", "about 2 hours", "about 1 hour 5 minutes"),
        new("Tokyo", "Osaka", "the Tokaido Shinkansen bullet train from Tokyo Station to Shin-Osaka", "about 2 hours 30 minutes", "about 1 hour 15 minutes"),
    ];
}
